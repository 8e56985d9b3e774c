from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from core.forms import NewlinesMixin, ReadableTextForm

from .models import ExternalIdentity


class ExternalIdentityInline(admin.TabularInline):
    """The user's id at the identity provider. Sign-in makes it for a new user; for an existing local user
    the administrator enters it before single sign-on is switched on, so the first sign-in finds the
    account (with its history) instead of making a new one."""

    model = ExternalIdentity
    form = ReadableTextForm
    extra = 0
    fields = ("protocol", "issuer", "subject", "created_at", "last_sign_in_at")
    readonly_fields = ("created_at", "last_sign_in_at")


# A user's names show on every page and in every export: text the register's forms refuse is refused here too.
class ReadableUserChangeForm(NewlinesMixin, UserChangeForm):
    pass


class ReadableUserCreationForm(NewlinesMixin, AdminUserCreationForm):
    pass


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class UserWithIdentitiesAdmin(UserAdmin):
    form = ReadableUserChangeForm
    add_form = ReadableUserCreationForm
    inlines = [*UserAdmin.inlines, ExternalIdentityInline]
