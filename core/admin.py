from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .forms import ReadableTextForm
from .models import Area, Challenge, FteAllocation, Organisation, WorkPlan
from .services import organisations_merge

# Requisitions and advisories are written only through the app's pages and services, which
# keep their rules (at least one requester, the challenge of the right year); not in the admin.


class ChallengeInline(admin.StackedInline):
    model = Challenge
    form = ReadableTextForm
    extra = 0


class FteAllocationInline(admin.StackedInline):
    """Stacked, as the challenges: each field has its label (a tabular inline heads its columns only, so a
    screen reader meets its fields unnamed)."""

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


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        Organisation.objects.all(), label=_("Flet ind i"),
        error_messages={"required": _("Vælg den organisation, de valgte skal flettes ind i.")})


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """Requesters and other organisations. Those a consultant added while registering are marked to be
    reviewed (the start page counts them): the administrator corrects one, marks it reviewed, or merges
    duplicates into the right one, which moves every registration (core/services.py)."""

    form = ReadableTextForm
    list_display = ["name", "short_name", "kind", "to_review", "added_by"]
    list_filter = ["to_review", "kind"]
    list_select_related = ["added_by"]
    search_fields = ["name", "short_name"]
    readonly_fields = ["added_by"]
    actions = ["merge", "mark_reviewed"]

    @admin.action(description=_("Marker de valgte som gennemset"), permissions=["change"])
    def mark_reviewed(self, request, queryset):
        count = 0
        for organisation in queryset.filter(to_review=True):
            organisation.to_review = False
            organisation.save(update_fields=["to_review"])
            count += 1
        self.message_user(request, ngettext("%(count)d organisation er markeret som gennemset.",
                                            "%(count)d organisationer er markeret som gennemset.", count)
                          % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Flet de valgte ind i en anden organisation"), permissions=["change", "delete"])
    def merge(self, request, queryset):
        """An intermediate page asks which organisation the chosen ones are merged into; its form posts back
        to this action with `apply`."""
        form = MergeForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            target = form.cleaned_data["target"]
            try:
                moved = organisations_merge(sources=list(queryset), target=target)
            except ValidationError as error:
                form.add_error("target", error)
            else:
                self.message_user(request, _("Flettet ind i %(name)s: %(count)d registreringer er flyttet.")
                                  % {"name": target, "count": moved}, messages.SUCCESS)
                return None
        return TemplateResponse(request, "admin/core/organisation/merge.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "title": _("Flet organisationer"),
            "organisations": queryset.order_by("name"), "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME, "media": self.media + form.media,
        })


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    form = ReadableTextForm
    list_display = ["name", "district", "latitude", "longitude"]
    search_fields = ["name", "district"]
