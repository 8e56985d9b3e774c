"""What every register's forms share: a crispy layout without a <form> tag, plain newlines in texts,
the version an edit starts from, choice lists from the reference cache, and the fields for people."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext_lazy as _

from . import reference_cache
from .display import person
from .models import Challenge, Versioned

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CONTACT_FIELDS = ["contact_name", "contact_email", "contact_phone"]
CONTACT_LABELS = {"contact_name": _("Navn"), "contact_email": _("E-mail"), "contact_phone": _("Telefon")}
CONTACT_ERRORS = {"contact_email": {"invalid": _("Angiv en gyldig e-mailadresse, f.eks. navn@kk.dk.")}}


def contact_row() -> Fieldset:
    """The requester's contact person, in fields of their own so that they can be anonymised later."""
    return Fieldset(
        _("Kontaktperson hos rekvirenten"),
        Row(Column("contact_name", css_class="col-md-4"), Column("contact_email", css_class="col-md-4"),
            Column("contact_phone", css_class="col-md-4")),
        css_class="form-section mt-2",
    )


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, refusing an id too large for the database as an invalid choice: SQLite's driver fails
    with OverflowError (a 500) on `id IN (10**30)`, where PostgreSQL finds nothing."""

    def _check_values(self, value):
        low, high = connection.ops.integer_field_range("BigIntegerField")
        for pk in value if isinstance(value, list | tuple) else ():
            try:
                in_range = low <= int(pk) <= high
            except (TypeError, ValueError):
                continue  # not a number: Django's own check refuses it
            if not in_range:
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                      params={"pk": pk})
        return super()._check_values(value)


class ConsultantMultipleChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return person(obj)


class ConsultantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return person(obj)


class NewlinesMixin:
    """Texts typed in a textarea are kept with plain newlines: browsers send each line break as CR LF,
    and a text written elsewhere (an import, the demo data, the admin) with LF alone would otherwise
    show as changed in the history when saved unchanged."""

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str) and "\r" in value:
                cleaned[name] = value.replace("\r\n", "\n").replace("\r", "\n")
        return cleaned


class LayoutForm(NewlinesMixin, forms.ModelForm):
    """A model form laid out by its `layout`, with a crispy helper without its own <form> tag
    (the page's template adds the form tag and buttons); challenges list newest year first."""

    layout: Layout

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field) is forms.ModelMultipleChoiceField:  # a many-to-many field's default
                field.__class__ = ModelMultipleChoiceField
        if isinstance(self.instance, Versioned) and self.instance.pk:
            # The version the user starts from; saving from an older one is refused (core/versioning.py).
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False,
                                                        initial=self.instance.version)
        if "challenge" in self.fields:
            self.fields["challenge"].queryset = Challenge.objects.select_related("work_plan")
        self.helper = FormHelper()
        self.helper.form_tag = False
        # The page's <form> holds the CSRF token; one written with the fields would be kept with their
        # cached HTML (reference_cache.form_html_key) and go stale at the user's next login.
        self.helper.disable_csrf = True
        self.helper.layout = self.layout
        reference_cache.use_cached_choices(self.fields.values())
