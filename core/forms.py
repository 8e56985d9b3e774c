"""What every register's forms share: a crispy layout without a <form> tag, plain newlines in texts,
the version an edit starts from, choice lists from the reference cache, and the fields for people."""

import hashlib

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import reference_cache
from .choice_fields import CachedChoicesMixin, formfield_for
from .models import Versioned
from .text import has_unreadable

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
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


UNREADABLE_MESSAGE = _("Teksten indeholder tegn, der ikke kan gemmes (kontroltegn eller ugyldige Unicode-tegn, "
                       "ofte med fra tekst kopieret fra Word eller en PDF). Skriv den berørte del igen.")


class NewlinesMixin:
    """Texts typed in a textarea are kept with plain newlines: browsers send each line break as CR LF,
    and a text written elsewhere (an import, the demo data, the admin) with LF alone would otherwise
    show as changed in the history when saved unchanged. A text with characters that the exports, the
    documents and the API cannot hold (core/text.py) is refused at its field, as the import refuses it."""

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if not isinstance(value, str):
                continue
            if has_unreadable(value):
                self.add_error(name, UNREADABLE_MESSAGE)
            elif "\r" in value:
                cleaned[name] = value.replace("\r\n", "\n").replace("\r", "\n")
        return cleaned


class ReadableTextForm(NewlinesMixin, forms.ModelForm):
    """The admin's model forms: what the register's own forms refuse, the admin refuses too (every ModelAdmin
    and inline of the register sets `form` to it or a subclass)."""


class LayoutForm(NewlinesMixin, forms.ModelForm):
    """A model form laid out by its `layout`, with a crispy helper without its own <form> tag (the page's
    template adds the form tag and buttons). Its relations to reference data offer their lists from the
    reference cache (core/choice_fields.py): a subclass's Meta inherits LayoutForm.Meta for that."""

    layout: Layout
    # The date fields whose years the challenge may be of: the challenge's list then offers only their work
    # plans, and says which (static/js/tfi.js, data-year-of).
    year_fields: tuple[str, ...] = ()

    class Meta:
        formfield_callback = staticmethod(formfield_for)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        dates = [self[name].auto_id for name in self.year_fields if name in self.fields]
        if dates and "challenge" in self.fields:
            self.fields["challenge"].widget.attrs.update({
                "data-year-of": " ".join(dates),
                # As text in the active language: the select's HTML is cached by its attributes.
                "data-year-plan": str(_("Udfordringerne fra arbejdsplanen for {år}.")),
                "data-year-none": str(_("Der er ingen arbejdsplan for {år}: ret datoen, eller bed "
                                        "administratoren oprette arbejdsplanen. Listen viser alle år.")),
            })
        if isinstance(self.instance, Versioned) and self.instance.pk:
            # The version the user starts from; saving from an older one is refused (core/versioning.py).
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False,
                                                        initial=self.instance.version)
        self.helper = FormHelper()
        self.helper.form_tag = False
        # The page's <form> holds the CSRF token; one written with the fields would be kept with their
        # cached HTML (form_html_key) and go stale at the user's next login.
        self.helper.disable_csrf = True
        self.helper.layout = self.layout


def _plain(value):
    """`value` with its lazy texts made text, so that its repr says what a form shows."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, list | tuple):
        return tuple(_plain(item) for item in value)
    if isinstance(value, dict):
        return tuple(sorted((key, _plain(item)) for key, item in value.items()))
    return value


def form_html_key(form) -> str | None:
    """A key the HTML of `form`'s fields can be cached under ({% cache %}), with the reference token and the
    language: the same key, the same HTML. Under load the fields of a form (crispy's field template, the
    widget templates) took 10-20 ms of a form page, the filter form 5 ms of a list page (bench/load).

    The key holds all that the fields are written from, and nothing of the user or the session: each
    field's type, widget, attributes, label, help text, value, errors and choices (a list from the
    reference cache by its name), and the form's class and prefix. None when that does not settle the
    HTML, so the form is written afresh:
    - a choice field whose list is not from the reference cache (it changes without a new token);
    - a form editing a saved object, or a bound form with anything typed in (a search, a date, an
      invalid form sent back): one-off HTML not worth keeping;
    - a crispy helper that writes the <form> tag or a CSRF token (crispy writes one for a POST form
      unless told not to): a token is the session's, and a kept one fails at the user's next login."""
    if getattr(getattr(form, "instance", None), "pk", None) is not None:
        return None
    helper = getattr(form, "helper", None)
    if helper is not None and (helper.form_tag or (helper.form_method.lower() == "post" and not helper.disable_csrf)):
        return None
    shape = [type(form).__module__, type(form).__qualname__, form.prefix, form.is_bound,
             form.is_bound and tuple(form.non_field_errors())]
    for name, field in form.fields.items():
        widget = field.widget
        bound_field = form[name]
        value = bound_field.value()
        choices = getattr(widget, "choices", None)
        if form.is_bound and choices is None and value not in (None, "", False):
            return None
        if isinstance(field, forms.ModelChoiceField):
            if not isinstance(field, CachedChoicesMixin):
                return None
            choices = (field.choices_name, str(field.empty_label), str(getattr(field, "null_label", None)))
        elif choices is not None:
            choices = _plain(list(choices))
        shape.append((name, type(field).__qualname__, type(widget).__qualname__, field.required, field.disabled,
                      _plain(widget.attrs), str(field.label), str(field.help_text), _plain(value), choices,
                      form.is_bound and tuple(bound_field.errors)))
    digest = hashlib.sha256(repr(shape).encode()).hexdigest()[:32]
    return f"{digest}:{translation.get_language()}:{reference_cache.token()}"
