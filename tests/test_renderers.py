"""The select widget written in Python (tfi/renderers.py) gives the HTML of Django's own templates."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test.html import parse_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from core.models import Organisation
from tests.factories import OrganisationFactory
from tfi.renderers import FormRenderer

CHOICES = [
    ("", "Alle"),
    ("a&b", 'Navn med <tegn> & "citat"'),
    (3, gettext_lazy("Ja")),
    ("Gruppe <1>", [("x", "X"), ("y", mark_safe("<b>Y</b>"))]),
    (2008, 2008),
    (1.5, 1.5),
]


def both(widget: forms.Widget, value, attrs=None) -> tuple[str, str]:
    ours = widget.render("felt", value, attrs=attrs, renderer=FormRenderer())
    djangos = widget.render("felt", value, attrs=attrs, renderer=DjangoTemplates())
    return ours, djangos


@pytest.mark.parametrize("widget, value", [
    (forms.Select(choices=CHOICES), "a&b"),
    (forms.Select(choices=CHOICES), "y"),
    (forms.Select(choices=CHOICES), None),
    (forms.Select(choices=CHOICES, attrs={"class": "form-select", "required": True, "disabled": False,
                                          "data-x": 'a"b', "aria-describedby": None}), 3),
    (forms.SelectMultiple(choices=CHOICES), ["x", "3", 2008]),
    (forms.NullBooleanSelect(), True),
    (forms.Select(choices=[]), None),
])
@pytest.mark.parametrize("language", ["da", "en"])
def test_select_as_djangos_templates(widget, value, language):
    with override(language):
        ours, djangos = both(widget, value, attrs={"id": "id_felt"})
    assert parse_html(ours) == parse_html(djangos), (ours, djangos)
    assert ours.count("<option") == djangos.count("<option") == len(list(widget.subwidgets("felt", value)))
    if widget.choices == CHOICES:
        assert "<tegn>" not in ours and "&lt;tegn&gt;" in ours and "<b>Y</b>" in ours


def test_the_selected_option_is_marked():
    ours, _ = both(forms.Select(choices=CHOICES), "x")
    assert '<option value="x" selected>X</option>' in ours
    assert ours.count(" selected") == 1


@pytest.mark.django_db
def test_model_choices_as_djangos_templates():
    OrganisationFactory.create_batch(3)
    field = forms.ModelChoiceField(Organisation.objects.order_by("name"), empty_label="Alle")
    chosen = Organisation.objects.order_by("name")[1]
    ours, djangos = both(field.widget, field.prepare_value(chosen))
    assert parse_html(ours) == parse_html(djangos)
    assert f'<option value="{chosen.pk}" selected>' in ours


def test_other_widgets_still_use_templates():
    ours, djangos = both(forms.CheckboxSelectMultiple(choices=[("a", "A"), ("b", "B")]), ["a"])
    assert parse_html(ours) == parse_html(djangos)
    assert 'type="checkbox"' in ours
