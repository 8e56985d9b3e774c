from django.contrib import admin

from core.forms import ReadableTextForm
from core.versioning import VersionedAdminMixin

from .models import Actor


@admin.register(Actor)
class ActorAdmin(VersionedAdminMixin, admin.ModelAdmin):
    form = ReadableTextForm
    list_display = ["name", "kind", "is_active", "last_checked"]
    list_filter = ["kind", "is_active", "areas"]
    search_fields = ["name", "address", "activities"]
    filter_horizontal = ["areas"]
    readonly_fields = ["created_by", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        if not obj.created_by_id:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
