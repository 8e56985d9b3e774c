from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group, Permission
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp import admin as totp_admin  # noqa: F401  (registers TOTPDevice, taken away below)
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.display import person
from core.forms import NewlinesMixin, ReadableTextForm

from .models import AuthenticatorApp, ExternalIdentity


class ExternalIdentityInline(admin.StackedInline):
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


# The authenticator apps under their Danish name (accounts.models.AuthenticatorApp) instead of django-otp's
# "TOTP devices": its admin module is imported first, so that its registration is there to take away.
admin.site.unregister(TOTPDevice)


@admin.register(AuthenticatorApp)
class AuthenticatorAppAdmin(admin.ModelAdmin):
    """Whose app it is and when it was last used; the administrator deletes a lost phone's. Nothing is added
    or changed here (the user registers the app at login), and its secret is never shown."""

    list_display = ["owner", "app_name", "confirmed_app", "created", "last_used"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    fields = readonly_fields = ["owner", "app_name", "confirmed_app", "created", "last_used"]

    @admin.display(description=_("bruger"), ordering="user__username")
    def owner(self, app):
        return person(app.user)

    @admin.display(description=_("navn"))
    def app_name(self, app):
        return app.name

    @admin.display(description=_("taget i brug"), boolean=True)
    def confirmed_app(self, app):
        return app.confirmed

    @admin.display(description=_("registreret"), ordering="created_at")
    def created(self, app):
        return app.created_at

    @admin.display(description=_("senest brugt"), ordering="last_used_at")
    def last_used(self, app):
        return app.last_used_at

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# Django names permissions in English when it makes them ("Can add rekvirering"): the admin's lists name
# them in the site's language from the model instead ("Rekvireringer | rekvirering | må oprette").
ACTIONS = {"add": _("må oprette"), "change": _("må rette"), "delete": _("må slette"), "view": _("må se")}


class PermissionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, permission):
        model = permission.content_type.model_class()
        if model is None:
            return str(permission)
        action = permission.codename.split("_", 1)[0]
        named = ACTIONS.get(action) if permission.codename == f"{action}_{model._meta.model_name}" else None
        section = capfirst(model._meta.app_config.verbose_name)
        return f"{section} | {model._meta.verbose_name} | {named or permission.name}"


class DanishPermissionsMixin:
    """Permissions listed by their Danish names in a plain list (Django's two-box filter leaves a screen
    reader a search field without a name)."""

    filter_horizontal = ()

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.related_model is Permission:
            kwargs["form_class"] = PermissionChoiceField
            kwargs["queryset"] = Permission.objects.select_related("content_type")
            kwargs["widget"] = forms.SelectMultiple(attrs={"size": 12})
        return super().formfield_for_manytomany(db_field, request, **kwargs)


admin.site.unregister(Group)


@admin.register(Group)
class RoleAdmin(DanishPermissionsMixin, GroupAdmin):
    """The roles (core/roles.py keeps their permissions in line after every migrate)."""

    form = ReadableTextForm


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class UserWithIdentitiesAdmin(DanishPermissionsMixin, UserAdmin):
    """A user's role is a group (core/roles.py), chosen by ticking it; the login dates are the register's to
    write. (Django's two-box filter for groups and its split date-and-time inputs leave a screen reader
    fields without names.)"""

    form = ReadableUserChangeForm
    add_form = ReadableUserCreationForm
    inlines = [*UserAdmin.inlines, ExternalIdentityInline]
    readonly_fields = ("last_login", "date_joined")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)
