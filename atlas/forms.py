from crispy_forms.layout import HTML, Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from core.choice_fields import CachedSelectMultiple
from core.forms import DATE_WIDGET, LayoutForm

from .kinds import ACTOR
from .models import Actor


class ActorForm(LayoutForm):
    website = forms.URLField(label=_("Hjemmeside"), required=False, assume_scheme="https",
                             error_messages={"invalid": _("Angiv en gyldig adresse, fx https://www.example.dk.")})
    layout = Layout(
        Row(Column("name", css_class="col-md-8"), Column("kind", css_class="col-md-4")),
        "areas",
        "address",
        HTML('{% include "atlas/_position_map.html" %}'),
        Row(Column("latitude", css_class="col-md-6"), Column("longitude", css_class="col-md-6")),
        Row(Column("contact_name", css_class="col-md-4"), Column("contact_email", css_class="col-md-4"),
            Column("contact_phone", css_class="col-md-4")),
        "website",
        "target_groups",
        "activities",
        Row(Column("is_active", css_class="col-md-6 pt-md-2"), Column("last_checked", css_class="col-md-6")),
    )

    class Meta(LayoutForm.Meta):
        model = Actor
        fields = ACTOR.form_fields
        widgets = {
            "areas": CachedSelectMultiple(attrs={"size": 6}),
            "target_groups": forms.Textarea(attrs={"rows": 2}),
            "activities": forms.Textarea(attrs={"rows": 3}),
            "last_checked": DATE_WIDGET,
            "latitude": forms.NumberInput(attrs={"step": "0.000001", "data-latitude": "1"}),
            "longitude": forms.NumberInput(attrs={"step": "0.000001", "data-longitude": "1"}),
        }
        error_messages = {"areas": {"required": _("Vælg mindst ét område.")},
                          "name": {"required": _("Giv aktøren et navn.")},
                          "kind": {"required": _("Vælg aktørens type.")}}
