from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from core.choice_fields import CachedSelectMultiple, ConsultantChoiceField, ConsultantMultipleChoiceField
from core.forms import CONTACT_ERRORS, CONTACT_LABELS, DATE_WIDGET, LayoutForm, contact_row

from .choices import DeliverableStatus
from .kinds import ADVISORY, DELIVERABLE, EVENT, REQUISITION, STEERING_GROUP_MEMBERSHIP
from .models import Advisory, Deliverable, Event, Requisition, SteeringGroupMembership


class RegistrationForm(LayoutForm):
    """Requisitions, advisories and events."""


class RequisitionForm(RegistrationForm):
    year_fields = ("date_received", "date_finished")
    consultants = ConsultantMultipleChoiceField(
        required=False, label=_("Ansvarlige konsulenter"), widget=CachedSelectMultiple(attrs={"size": 5}),
        help_text=_("Skriv for at søge, og vælg en eller flere."))

    layout = Layout(
        Row(Column("challenge", css_class="col-md-6"), Column("status", css_class="col-md-6")),
        "title",
        Row(Column("requesters", css_class="col-md-6"), Column("consultants", css_class="col-md-6")),
        "description",
        Row(Column("date_received", css_class="col-md-4"), Column("date_finished", css_class="col-md-4"),
            Column("area", css_class="col-md-4")),
        Row(Column("participants", css_class="col-md-4"),
            Column("participants_approximate", css_class="col-md-4 pt-md-4"), Column("hours", css_class="col-md-4")),
        Row(Column("partners", css_class="col-md-6"), Column("volunteers", css_class="col-md-6")),
        contact_row(),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            current = [user.pk for user in self.instance.consultants.all()]
            self.fields["consultants"].including(current)

    class Meta(LayoutForm.Meta):
        model = Requisition
        fields = REQUISITION.form_fields
        widgets = {
            "requesters": CachedSelectMultiple(attrs={"size": 8}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "partners": forms.Textarea(attrs={"rows": 2}),
            "volunteers": forms.Textarea(attrs={"rows": 2}),
            "date_received": DATE_WIDGET,
            "date_finished": DATE_WIDGET,
        }
        labels = CONTACT_LABELS
        help_texts = {
            "requesters": _("Skriv for at søge, og vælg en eller flere. Findes rekvirenten ikke, kan du tilføje den."),
            "challenge": _("Fra året, rekvireringen blev modtaget, eller et senere år, den blev holdt i "
                           "(afholdt/afsluttet). Den tæller i udfordringens år."),
        }
        error_messages = {
            "requesters": {"required": _("Angiv mindst én rekvirent.")},
            "title": {"required": _("Giv rekvireringen en titel.")},
            "date_received": {"required": _("Angiv hvornår rekvireringen blev modtaget.")},
            "challenge": {"required": _("Vælg den udfordring, rekvireringen hører under.")},
            **CONTACT_ERRORS,
        }


class AdvisoryForm(RegistrationForm):
    year_fields = ("date",)
    consultant = ConsultantChoiceField(label=_("Konsulent"))

    layout = Layout(
        Row(Column("challenge", css_class="col-md-6"), Column("requester", css_class="col-md-6")),
        "title",
        "description",
        Row(Column("date", css_class="col-md-4"), Column("consultant", css_class="col-md-4"),
            Column("area", css_class="col-md-4")),
        Row(Column("hours", css_class="col-md-4"), Column("is_report_example", css_class="col-md-8 pt-md-4")),
        contact_row(),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "consultant" in self.fields and self.instance.consultant_id:
            self.fields["consultant"].including([self.instance.consultant_id])

    class Meta(LayoutForm.Meta):
        model = Advisory
        fields = ADVISORY.form_fields
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "date": DATE_WIDGET}
        labels = CONTACT_LABELS
        error_messages = {
            "requester": {"required": _("Angiv rekvirenten.")},
            "title": {"required": _("Giv rådgivningen en titel.")},
            "date": {"required": _("Angiv datoen for rådgivningen.")},
            "challenge": {"required": _("Vælg den udfordring, rådgivningen hører under.")},
            **CONTACT_ERRORS,
        }


class QuickAdvisoryForm(AdvisoryForm):
    """The start page's short form: the consultant is the user; the hours and whether it is an example in the
    annual report are asked here too (an example should not need a second edit); the rest can wait for the
    edit page."""

    consultant = None

    layout = Layout(
        Row(Column("challenge", css_class="col-md-6"), Column("requester", css_class="col-md-6")),
        Row(Column("title", css_class="col-md-8"), Column("date", css_class="col-md-4")),
        "description",
        Row(Column("hours", css_class="col-md-4"), Column("is_report_example", css_class="col-md-8 pt-md-4")),
    )

    class Meta(AdvisoryForm.Meta):
        fields = ["challenge", "requester", "title", "date", "description", "hours", "is_report_example"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2}), "date": DATE_WIDGET}


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.date:%d.%m.%Y})"


class EventForm(RegistrationForm):
    year_fields = ("date",)
    consultant = ConsultantChoiceField(label=_("Ansvarlig konsulent"))
    previous = EventChoiceField(
        queryset=Event.objects.order_by("-date"), required=False, label=_("Samme arrangement året før"),
        help_text=_("Til sammenligning år for år, f.eks. International Dag 2007."))

    layout = Layout(
        Row(Column("challenge", css_class="col-md-6"), Column("kind", css_class="col-md-3"),
            Column("role", css_class="col-md-3")),
        "title",
        Row(Column("date", css_class="col-md-3"), Column("place", css_class="col-md-5"),
            Column("area", css_class="col-md-4")),
        Row(Column("participants_expected", css_class="col-md-4"), Column("participants", css_class="col-md-4"),
            Column("participants_approximate", css_class="col-md-4 pt-md-4")),
        Row(Column("organisations", css_class="col-md-6"), Column("organisation_count", css_class="col-md-3"),
            Column("volunteers", css_class="col-md-3")),
        Row(Column("deliverable", css_class="col-md-6"), Column("requisition", css_class="col-md-6")),
        Row(Column("consultant", css_class="col-md-4"), Column("previous", css_class="col-md-5"),
            Column("hours", css_class="col-md-3")),
        "description",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deliverable"].queryset = Deliverable.objects.select_related("challenge__work_plan")
        self.fields["requisition"].queryset = Requisition.objects.order_by("-date_received")
        if self.instance.pk:
            self.fields["previous"].queryset = Event.objects.exclude(pk=self.instance.pk).order_by("-date")
        if self.instance.consultant_id:
            self.fields["consultant"].including([self.instance.consultant_id])

    class Meta(LayoutForm.Meta):
        model = Event
        fields = EVENT.form_fields
        widgets = {
            "date": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 3}),
            "organisations": CachedSelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "participants_expected": _("Før arrangementet: hvor mange ventes der?"),
            "participants": _("Efter arrangementet: hvor mange kom der?"),
            "requisition": _("Hvis arrangementet er en rekvirering, tælles deltagerne her og ikke på "
                             "rekvireringen."),
        }
        error_messages = {
            "title": {"required": _("Giv arrangementet en titel.")},
            "date": {"required": _("Angiv datoen for arrangementet.")},
            "challenge": {"required": _("Vælg den udfordring, arrangementet hører under.")},
            "kind": {"required": _("Vælg typen af arrangement.")},
        }


class DeliverableForm(LayoutForm):
    publication_url = forms.URLField(label=_("Publikationens adresse"), required=False, assume_scheme="https")
    layout = Layout(
        Row(Column("challenge", css_class="col-md-6"), Column("status", css_class="col-md-3"),
            Column("is_promised", css_class="col-md-3 pt-md-4")),
        "title",
        "description",
        "outcome",
        Row(Column("replaced_by", css_class="col-md-6"), Column("requisitions", css_class="col-md-6")),
        Row(Column("publication_title", css_class="col-md-5"), Column("publication_url", css_class="col-md-5"),
            Column("hours", css_class="col-md-2")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = Deliverable.objects.select_related("challenge__work_plan").order_by(
            "-challenge__work_plan__year", "challenge__number", "title")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["replaced_by"].queryset = others
        self.fields["replaced_by"].label_from_instance = lambda d: f"{d.challenge.work_plan.year} · {d.title}"
        self.fields["requisitions"].queryset = Requisition.objects.order_by("-date_received")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == DeliverableStatus.REPLACED and not cleaned.get("replaced_by"):
            self.add_error("replaced_by", _("En erstattet leverance skal angive de leverancer, der erstattede den."))
        return cleaned

    class Meta(LayoutForm.Meta):
        model = Deliverable
        fields = DELIVERABLE.form_fields
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
            "replaced_by": forms.SelectMultiple(attrs={"size": 6}),
            "requisitions": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "replaced_by": _("Kun når status er »Erstattet«. Skriv for at søge, og vælg en eller flere."),
            "requisitions": _("Rekvireringer, der opfyldte leverancen."),
        }
        error_messages = {
            "title": {"required": _("Giv leverancen en titel.")},
            "challenge": {"required": _("Vælg den udfordring, leverancen hører under.")},
        }


class SteeringGroupMembershipForm(LayoutForm):
    consultant = ConsultantChoiceField(label=_("Konsulent"))

    layout = Layout(
        "body",
        Row(Column("role", css_class="col-md-4"), Column("consultant", css_class="col-md-4"),
            Column("area", css_class="col-md-4")),
        Row(Column("start", css_class="col-md-3"), Column("end", css_class="col-md-3"),
            Column("challenge", css_class="col-md-4"), Column("hours", css_class="col-md-2")),
        "notes",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.consultant_id:
            self.fields["consultant"].including([self.instance.consultant_id])

    class Meta(LayoutForm.Meta):
        model = SteeringGroupMembership
        fields = STEERING_GROUP_MEMBERSHIP.form_fields
        widgets = {"start": DATE_WIDGET, "end": DATE_WIDGET, "notes": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "body": {"required": _("Angiv styregruppen.")},
            "start": {"required": _("Angiv hvornår sædet begyndte.")},
        }
