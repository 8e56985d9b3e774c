from math import ceil

from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from core.choice_fields import CachedModelChoiceField, ConsultantChoiceField
from core.forms import DATE_WIDGET, LayoutForm

from .kinds import PROJECT, PROJECT_VISIT
from .models import Project, ProjectVisit


class ProjectForm(LayoutForm):
    layout = Layout(
        "name",
        Row(Column("organisation", css_class="col-md-6"), Column("area", css_class="col-md-6")),
        "description",
        Row(Column("is_active", css_class="col-md-4"), Column("is_municipality_funded", css_class="col-md-8")),
        Row(Column("contact_name", css_class="col-md-4"), Column("contact_email", css_class="col-md-4"),
            Column("contact_phone", css_class="col-md-4")),
    )

    class Meta(LayoutForm.Meta):
        model = Project
        fields = PROJECT.form_fields
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "organisation": _("Den organisation, der driver projektet."),
            "is_active": _("Fjern krydset, når projektet er afsluttet."),
        }
        error_messages = {
            "name": {"required": _("Giv projektet et navn.")},
            "contact_email": {"invalid": _("Angiv en gyldig e-mailadresse, f.eks. navn@kk.dk.")},
        }


# "Hvad virker" and "Gode råd" together must fit the one A4 page of the printed note. Measured in
# Chromium with print.css: under a two-line project name the page has room for about 29 lines of
# text of some 95 characters; a new paragraph costs a quarter of a line more.
NOTE_LINES = 28
NOTE_LINE_CHARACTERS = 90


def note_lines(text: str) -> float:
    """About how many printed lines a text takes on the note."""
    paragraphs = [block for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
    lines = sum(max(1, ceil(len(line) / NOTE_LINE_CHARACTERS)) for block in paragraphs
                for line in block.strip().split("\n"))
    return lines + len(paragraphs) / 4


class ProjectChoiceField(CachedModelChoiceField):
    """The projects of the bank, an ended one said to be so (the list from the reference cache)."""

    choices_name = "projects"

    def label_from_instance(self, obj):
        return obj.name if obj.is_active else _("%(name)s (afsluttet)") % {"name": obj.name}


class ProjectVisitForm(LayoutForm):
    year_fields = ("date",)
    project = ProjectChoiceField(queryset=Project.objects.order_by("name"), label=_("Projekt"),
                                 error_messages={"required": _("Vælg det projekt, der blev besøgt.")})
    consultant = ConsultantChoiceField(label=_("Konsulent"),
                                       error_messages={"required": _("Angiv konsulenten.")})

    layout = Layout(
        Row(Column("project", css_class="col-md-6"), Column("date", css_class="col-md-3"),
            Column("consultant", css_class="col-md-3")),
        Row(Column("challenge", css_class="col-md-6"), Column("hours", css_class="col-md-3")),
        "what_works",
        "advice",
        Row(Column("sets_goals", css_class="col-md-6"), Column("measures_effect", css_class="col-md-6")),
        "is_good_practice",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["challenge"].empty_label = _("Ingen udfordring")
        self.fields["sets_goals"].choices = [("", _("Ikke vurderet")), *self.fields["sets_goals"].choices[1:]]
        self.fields["measures_effect"].choices = [("", _("Ikke vurderet")),
                                                  *self.fields["measures_effect"].choices[1:]]
        if self.instance.consultant_id:
            self.fields["consultant"].including([self.instance.consultant_id])

    def clean(self):
        cleaned = super().clean()
        lines = note_lines(cleaned.get("what_works", "")) + note_lines(cleaned.get("advice", ""))
        if lines > NOTE_LINES:
            message = _("»Hvad virker« og »Gode råd« fylder tilsammen ca. %(lines)d linjer på den udskrevne "
                        "note, men der er kun plads til %(limit)d på én A4-side. Forkort teksten.") % {
                "lines": ceil(lines), "limit": NOTE_LINES}
            self.add_error("advice", message)
        return cleaned

    class Meta(LayoutForm.Meta):
        model = ProjectVisit
        fields = PROJECT_VISIT.form_fields
        widgets = {
            "date": DATE_WIDGET,
            "what_works": forms.Textarea(attrs={"rows": 5}),
            "advice": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "what_works": _("Det, projektet gør godt, og som andre kan lære af."),
            "advice": _("Konkrete råd til andre projekter i projektbanken. Sammen med »Hvad virker« skal det "
                        "kunne stå på én A4-side (ca. 2.500 tegn)."),
        }
        error_messages = {
            "date": {"required": _("Angiv datoen for besøget."), "invalid": _("Angiv en gyldig dato.")},
        }
