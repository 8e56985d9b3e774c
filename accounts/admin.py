from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .models import ExternalIdentity


class ExternalIdentityInline(admin.TabularInline):
    """The user's id at the identity provider. Sign-in makes it for a new user; for an existing local user
    the administrator enters it before single sign-on is switched on, so the first sign-in finds the
    account (with its history) instead of making a new one."""

    model = ExternalIdentity
    extra = 0
    fields = ("protocol", "issuer", "subject", "created_at", "last_sign_in_at")
    readonly_fields = ("created_at", "last_sign_in_at")


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class UserWithIdentitiesAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, ExternalIdentityInline]
