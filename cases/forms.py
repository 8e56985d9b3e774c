from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from .filters import consultant_label
from .models import Advisory, Challenge, Requisition
from .selectors import consultant_list

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ConsultantMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return consultant_label(obj)


class ConsultantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return consultant_label(obj)


class RegistrationForm(forms.ModelForm):
    """Shared set-up: challenges newest year first, a crispy helper without its own <form> tag."""

    layout: Layout

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["challenge"].queryset = Challenge.objects.select_related("work_plan")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = self.layout


class RequisitionForm(RegistrationForm):
    consultants = ConsultantMultipleChoiceField(
        queryset=consultant_list(), required=False, label=_("Ansvarlige konsulenter"),
        widget=forms.SelectMultiple(attrs={"size": 5}))

    layout = Layout(
        Row(Column("challenge", css_class="col-md-6"), Column("status", css_class="col-md-6")),
        "title",
        Row(Column("requesters", css_class="col-md-6"), Column("consultants", css_class="col-md-6")),
        "description",
        Row(Column("date_received", css_class="col-md-4"), Column("date_finished", css_class="col-md-4"),
            Column("area", css_class="col-md-4")),
        Row(Column("participants", css_class="col-md-4"),
            Column("participants_approximate", css_class="col-md-4 pt-md-4")),
        Row(Column("partners", css_class="col-md-6"), Column("volunteers", css_class="col-md-6")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            current = [user.pk for user in self.instance.consultants.all()]
            self.fields["consultants"].queryset = consultant_list(include=current)

    class Meta:
        model = Requisition
        fields = ["challenge", "status", "title", "requesters", "consultants", "description",
                  "date_received", "date_finished", "area", "participants", "participants_approximate",
                  "partners", "volunteers"]
        widgets = {
            "requesters": forms.SelectMultiple(attrs={"size": 8}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "partners": forms.Textarea(attrs={"rows": 2}),
            "volunteers": forms.Textarea(attrs={"rows": 2}),
            "date_received": DATE_WIDGET,
            "date_finished": DATE_WIDGET,
        }
        help_texts = {
            "requesters": _("Vælg en eller flere. Hold Ctrl (Cmd på Mac) nede for at vælge flere."),
            "consultants": _("Hold Ctrl (Cmd på Mac) nede for at vælge flere."),
        }
        error_messages = {
            "requesters": {"required": _("Angiv mindst én rekvirent.")},
            "title": {"required": _("Giv rekvireringen en titel.")},
            "date_received": {"required": _("Angiv hvornår rekvireringen blev modtaget.")},
            "challenge": {"required": _("Vælg den udfordring, rekvireringen hører under.")},
        }


class AdvisoryForm(RegistrationForm):
    consultant = ConsultantChoiceField(queryset=consultant_list(), label=_("Konsulent"))

    layout = Layout(
        Row(Column("challenge", css_class="col-md-6"), Column("requester", css_class="col-md-6")),
        "title",
        "description",
        Row(Column("date", css_class="col-md-4"), Column("consultant", css_class="col-md-4"),
            Column("area", css_class="col-md-4")),
        "is_report_example",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "consultant" in self.fields and self.instance.consultant_id:
            self.fields["consultant"].queryset = consultant_list(include=[self.instance.consultant_id])

    class Meta:
        model = Advisory
        fields = ["challenge", "requester", "title", "description", "date", "consultant", "area",
                  "is_report_example"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "date": DATE_WIDGET}
        error_messages = {
            "requester": {"required": _("Angiv rekvirenten.")},
            "title": {"required": _("Giv rådgivningen en titel.")},
            "date": {"required": _("Angiv datoen for rådgivningen.")},
            "challenge": {"required": _("Vælg den udfordring, rådgivningen hører under.")},
        }


class QuickAdvisoryForm(AdvisoryForm):
    """The start page's short form: the consultant is the user, the rest can wait for the edit page."""

    consultant = None

    layout = Layout(
        Row(Column("challenge", css_class="col-md-6"), Column("requester", css_class="col-md-6")),
        Row(Column("title", css_class="col-md-8"), Column("date", css_class="col-md-4")),
        "description",
    )

    class Meta(AdvisoryForm.Meta):
        fields = ["challenge", "requester", "title", "date", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2}), "date": DATE_WIDGET}
