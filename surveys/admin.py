"""Questionnaires are kept by the administrator here. A version with answers is frozen: its questions
cannot be changed, added or removed, and the action "Opret ny version" copies it as the new active one.
Its privacy notice may still change; left blank, the default text (shown below it) is used."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.forms.models import BaseInlineFormSet
from django.template.defaultfilters import linebreaks
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.forms import ReadableTextForm

from .models import Question, Questionnaire, default_privacy_notice
from .services import questionnaire_new_version


def _constraint_message(model, name: str) -> str:
    return next(c.violation_error_message for c in model._meta.constraints if c.name == name)


class QuestionFormSet(BaseInlineFormSet):
    """The questions of a questionnaire, checked together for at most one headline question (the
    database's conditional constraint, which neither a question's own form, whose fields do not include
    the questionnaire, nor the formset's check of unique numbers sees), and saved so that a swap of
    numbers or of the headline never meets the constraints half-done."""

    def clean(self):
        super().clean()
        kept = [form for form in self.forms
                if getattr(form, "cleaned_data", None) and not self._should_delete_form(form)]
        if sum(bool(form.cleaned_data.get("is_headline")) for form in kept) > 1:
            raise ValidationError(_constraint_message(Question, "question_one_headline"))

    def save_existing_objects(self, commit=True):
        if commit:
            count = self.initial_form_count()
            changing = [form.instance.pk for form in self.forms[:count]
                        if form.instance.pk is not None and form.has_changed()
                        and {"position", "is_headline"} & set(form.changed_data) & set(form.fields)]
            if changing:
                # Park the questions that move on free numbers, without the headline, before any is saved.
                top = max([Question.objects.filter(questionnaire=self.instance).aggregate(top=Max("position"))["top"]
                           or 0] + [form.cleaned_data.get("position") or 0 for form in self.forms
                                    if getattr(form, "cleaned_data", None)])
                for offset, pk in enumerate(changing, start=1):
                    Question.objects.filter(pk=pk).update(position=top + offset, is_headline=False)
            # Deletions first: a question may take the number of one deleted in the same save. The formset
            # remembers its deleted forms by position, so it is told to find them again in the new order.
            deleted = self.deleted_forms
            self.forms[:count] = sorted(self.forms[:count], key=lambda form: form not in deleted)
            self.__dict__.pop("_deleted_form_indexes", None)
        return super().save_existing_objects(commit)


class QuestionnaireAdminForm(ReadableTextForm):
    def clean(self):
        cleaned = super().clean()
        # Of an answered version only "active" can change, and its kind is then not a field of the
        # form, so the database's one-active-version rule is checked here.
        if "kind" not in self.fields and cleaned.get("is_active") and Questionnaire.objects.filter(
                kind=self.instance.kind, is_active=True).exclude(pk=self.instance.pk).exists():
            self.add_error("is_active", _constraint_message(Questionnaire, "questionnaire_one_active_per_kind"))
        return cleaned


class QuestionInline(admin.TabularInline):
    model = Question
    form = ReadableTextForm
    formset = QuestionFormSet
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
    form = QuestionnaireAdminForm
    fields = ["kind", "version", "title", "introduction", "privacy_notice", "privacy_notice_default", "is_active"]
    list_display = ["title", "kind", "version", "is_active", "created_at"]
    list_filter = ["kind", "is_active"]
    search_fields = ["title", "introduction", "questions__text"]
    inlines = [QuestionInline]
    actions = ["new_version"]

    def get_readonly_fields(self, request, obj=None):
        # The default privacy notice is shown to write a questionnaire's own from.
        if obj is not None and obj.has_responses():
            # The title, introduction and questions are what was answered; only which version is
            # active may still change, and the privacy notice (a new contact, say: it is no answer's part).
            return ["kind", "version", "title", "introduction", "privacy_notice_default"]
        return ["privacy_notice_default"]

    @admin.display(description=_("standardtekst om behandling af personoplysninger"))
    def privacy_notice_default(self, obj):
        return linebreaks(default_privacy_notice())

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and obj.has_responses():
            messages.warning(request, _("Denne version er besvaret og kan ikke ændres. Vælg handlingen "
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
