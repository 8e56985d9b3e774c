from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import Requisition
from core.forms import NewlinesMixin

from .choices import QuestionKind, Satisfaction

YES_NO_CHOICES = [("1", _("Ja")), ("0", _("Nej"))]
TEXT_MAX_LENGTH = 5000


def _yes(value: str) -> bool:
    return value == "1"


class AnswerForm(NewlinesMixin, forms.Form):
    """One field per question of a questionnaire, named q_<question id>; used by the requester's page
    and for answers typed in from paper."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            label = f"{question.position}. {question.text}"
            if question.kind == QuestionKind.SCALE:
                field = forms.TypedChoiceField(choices=Satisfaction.choices, coerce=int, widget=forms.RadioSelect)
            elif question.kind == QuestionKind.YES_NO:
                field = forms.TypedChoiceField(choices=YES_NO_CHOICES, coerce=_yes, widget=forms.RadioSelect)
            else:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=TEXT_MAX_LENGTH)
            field.label = label
            field.required = question.required
            field.error_messages["required"] = _("Besvar venligst spørgsmålet.")
            self.fields[f"q_{question.pk}"] = field

    def values(self) -> dict:
        """Question id → cleaned value, for the services."""
        return {question.pk: self.cleaned_data.get(f"q_{question.pk}") for question in self.questions}


def _requester_field(registration) -> forms.ModelChoiceField:
    if isinstance(registration, Requisition):
        queryset = registration.requesters.all()
    else:
        queryset = type(registration.requester).objects.filter(pk=registration.requester_id)
    field = forms.ModelChoiceField(queryset=queryset, label=_("Rekvirent"), empty_label=None,
                                   help_text=_("Den rekvirent, svaret kommer fra."))
    return field


class InvitationForm(NewlinesMixin, forms.Form):
    requester = forms.ModelChoiceField(queryset=None)
    contact_name = forms.CharField(label=_("Kontaktperson"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("E-mail"), help_text=_("Linket sendes hertil."),
                                     error_messages={"required": _("Angiv modtagerens e-mailadresse."),
                                                     "invalid": _("Angiv en gyldig e-mailadresse.")})
    message = forms.CharField(label=_("Personlig hilsen"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Valgfrit: sættes ind i e-mailen over linket."))

    def __init__(self, *args, registration, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requester"] = _requester_field(registration)


class PaperInvitationForm(NewlinesMixin, forms.Form):
    requester = forms.ModelChoiceField(queryset=None)
    contact_name = forms.CharField(label=_("Kontaktperson"), max_length=200, required=False)

    def __init__(self, *args, registration, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requester"] = _requester_field(registration)


class CorrectionForm(NewlinesMixin, forms.Form):
    """Why a paper answer is corrected or withdrawn: kept in the change history."""

    reason = forms.CharField(label=_("Begrundelse"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000,
                             help_text=_("F.eks. »Tastefejl: svaret på papiret er Meget tilfreds«."),
                             error_messages={"required": _("Skriv, hvorfor svaret rettes.")})


def answer_initial(answers) -> dict:
    """An AnswerForm's initial values: the answers as they are."""
    initial = {}
    for answer in answers:
        if answer.scale is not None:
            initial[f"q_{answer.question_id}"] = answer.scale
        elif answer.yes_no is not None:
            initial[f"q_{answer.question_id}"] = "1" if answer.yes_no else "0"
        else:
            initial[f"q_{answer.question_id}"] = answer.text
    return initial
