from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from core.forms import ReadableTextForm

from .models import ServiceToken
from .services import service_token_create, service_token_revoke


class ServiceTokenAddForm(ReadableTextForm):
    days = forms.IntegerField(label=_("Gyldig i dage"), min_value=1, max_value=730, initial=365)

    class Meta:
        model = ServiceToken
        fields = ["name", "scope"]


@admin.register(ServiceToken)
class ServiceTokenAdmin(admin.ModelAdmin):
    """The administrator makes a token (shown once, in the message after saving) and revokes it."""

    form = ReadableTextForm
    list_display = ["name", "scope", "prefix", "created_at", "expires_at", "revoked_at", "last_used_at"]
    readonly_fields = ["prefix", "user", "created_by", "created_at", "last_used_at"]
    actions = ["revoke"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ServiceTokenAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "scope", "days"]
        return ["name", "scope", "prefix", "user", "created_by", "created_at", "expires_at", "revoked_at",
                "last_used_at"]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        token, secret = service_token_create(name=form.cleaned_data["name"], scope=form.cleaned_data["scope"],
                                             days=form.cleaned_data["days"], created_by=request.user)
        obj.pk = token.pk
        messages.warning(request, _("Tokenet vises kun denne ene gang; gem det nu: %(secret)s") % {"secret": secret})

    @admin.action(description=_("Tilbagekald de valgte tokens"))
    def revoke(self, request, queryset):
        for token in queryset:
            service_token_revoke(token=token)
