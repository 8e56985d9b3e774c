from django.contrib import admin

from core.forms import ReadableTextForm
from core.versioning import VersionedAdminMixin

from .models import Project

# Project visits are written only through the app's pages and services, which keep their rules (the
# challenge of the visit's year, the creator); the administrator can correct the project bank here.


@admin.register(Project)
class ProjectAdmin(VersionedAdminMixin, admin.ModelAdmin):
    form = ReadableTextForm
    list_display = ["name", "organisation", "area", "is_active", "is_municipality_funded"]
    list_filter = ["is_active", "is_municipality_funded", "area"]
    list_select_related = ["organisation", "area"]
    search_fields = ["name", "description", "organisation__name"]
