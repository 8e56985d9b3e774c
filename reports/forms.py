from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DATE_WIDGET, NewlinesMixin

from .models import PLACEHOLDER_HELP, AnnualReport


def _textarea(rows: int = 4):
    return forms.Textarea(attrs={"rows": rows})


class ReportTextsForm(NewlinesMixin, forms.Form):
    """The year's narrative texts, and a lead-in and conclusions per challenge (fields named
    lead_in_<id> and conclusions_<id>)."""

    # The letterhead's fields as the model declares them (label, length, help).
    appendix_label = AnnualReport._meta.get_field("appendix_label").formfield()
    meeting_date = AnnualReport._meta.get_field("meeting_date").formfield(
        widget=DATE_WIDGET, error_messages={"invalid": _("Angiv en gyldig dato, fx 24.11.2008.")})
    case_number = AnnualReport._meta.get_field("case_number").formfield()
    document_number = AnnualReport._meta.get_field("document_number").formfield()
    introduction = forms.CharField(label=_("Indledning"), required=False, widget=_textarea(6),
                                   help_text=PLACEHOLDER_HELP)
    closing = forms.CharField(label=_("Tekst efter hovedkonklusionerne"), required=False, widget=_textarea(3),
                              help_text=PLACEHOLDER_HELP)
    challenges_lead_in = forms.CharField(
        label=_("Indledning til udfordringerne"), required=False, widget=_textarea(3), help_text=PLACEHOLDER_HELP)
    target_groups_lead_in = forms.CharField(
        label=_("Indledning til målgrupperne"), required=False, widget=_textarea(2),
        help_text=_("Står før »Målgrupperne for TaskForce Integrations indsats i … har været:« og listen."))
    purpose = forms.CharField(label=_("Formål"), required=False, widget=_textarea(5),
                              help_text=_("Linjer, der begynder med »- «, bliver punkter."))
    target_groups = forms.CharField(label=_("Målgrupper"), required=False, widget=_textarea(5),
                                    help_text=_("Én målgruppe pr. linje."))

    def __init__(self, *args, challenges, **kwargs):
        super().__init__(*args, **kwargs)
        self.challenges = list(challenges)
        for challenge in self.challenges:
            self.fields[f"lead_in_{challenge.pk}"] = forms.CharField(
                label=_("Indledning til afsnittet"), required=False, widget=_textarea(4), help_text=PLACEHOLDER_HELP)
            self.fields[f"conclusions_{challenge.pk}"] = forms.CharField(
                label=_("Hovedkonklusioner"), required=False, widget=_textarea(3),
                help_text=_("Én konklusion pr. linje."))

    LETTERHEAD = ("appendix_label", "meeting_date", "case_number", "document_number")
    REPORT_FIELDS = (*LETTERHEAD, "challenges_lead_in", "target_groups_lead_in")

    def report_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.REPORT_FIELDS}

    def challenge_fields(self):
        return [(challenge, self[f"lead_in_{challenge.pk}"], self[f"conclusions_{challenge.pk}"])
                for challenge in self.challenges]

    def challenge_texts(self) -> dict[int, dict]:
        return {challenge.pk: {"lead_in": self.cleaned_data[f"lead_in_{challenge.pk}"],
                               "conclusions": self.cleaned_data[f"conclusions_{challenge.pk}"]}
                for challenge in self.challenges}
