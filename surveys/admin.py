"""Questionnaires are kept by the administrator here. A version with answers is frozen: its questions
cannot be changed, added or removed, and the action "Opret ny version" copies it as the new active one."""

from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Question, Questionnaire
from .services import questionnaire_new_version


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["position", "text", "kind", "required", "is_headline"]

    def _frozen(self, obj) -> bool:
        return obj is not None and obj.pk is not None and obj.has_responses()

    def has_add_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_delete_permission(request, obj)


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "version", "is_active", "created_at"]
    list_filter = ["kind", "is_active"]
    inlines = [QuestionInline]
    actions = ["new_version"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.has_responses():
            # The title, introduction and questions are what was answered; only which version is
            # active may still change.
            return ["kind", "version", "title", "introduction"]
        return []

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and obj.has_responses():
            messages.info(request, _("Denne version er besvaret og kan ikke ændres. Vælg handlingen "
                                     "»Opret ny version« på listen for at ændre spørgsmålene."))
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description=_("Opret ny version (bliver den aktive)"), permissions=["add"])
    def new_version(self, request, queryset):
        with transaction.atomic():  # all the versions chosen, or none
            copies = [questionnaire_new_version(questionnaire=q, user=request.user)
                      for q in queryset.order_by("kind", "-version")]
        self.message_user(request, ngettext("%(count)d ny version er oprettet.",
                                            "%(count)d nye versioner er oprettet.", len(copies))
                          % {"count": len(copies)}, messages.SUCCESS)
