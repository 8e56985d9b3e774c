from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """To see what runs and what failed; jobs are started from the register's pages, not here."""

    list_display = ["title", "user", "status", "step", "done", "total", "created_at", "finished_at"]
    list_filter = ["status"]
    search_fields = ["title", "user__username"]
    exclude = ["content"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
