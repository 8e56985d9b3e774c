from django.contrib import admin

from .forms import ReadableTextForm
from .models import Area, Challenge, FteAllocation, Organisation, WorkPlan

# Requisitions and advisories are written only through the app's pages and services, which
# keep their rules (at least one requester, the challenge of the right year); not in the admin.


class ChallengeInline(admin.StackedInline):
    model = Challenge
    form = ReadableTextForm
    extra = 0


class FteAllocationInline(admin.TabularInline):
    model = FteAllocation
    form = ReadableTextForm
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "challenge":
            kwargs["queryset"] = Challenge.objects.select_related("work_plan")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(WorkPlan)
class WorkPlanAdmin(admin.ModelAdmin):
    form = ReadableTextForm
    list_display = ["year", "total_fte"]
    search_fields = ["year", "purpose", "challenges__name"]
    inlines = [ChallengeInline, FteAllocationInline]


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    form = ReadableTextForm
    list_display = ["__str__", "name", "short_label"]
    list_filter = ["work_plan"]
    list_select_related = ["work_plan"]
    search_fields = ["name", "short_label", "lead_in", "conclusions"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    form = ReadableTextForm
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    form = ReadableTextForm
    list_display = ["name", "district", "latitude", "longitude"]
    search_fields = ["name", "district"]
