"""get_FOO_display() of the register's models (core/choice_display.py) says what Django's own says."""

from functools import partialmethod

from django.apps import apps
from django.utils import translation

from core import choice_display


def choice_fields():
    for model in apps.get_models():
        if model._meta.app_label in choice_display.APPS:
            for field in model._meta.get_fields():
                if getattr(field, "choices", None):
                    yield model, field


def test_every_choice_field_says_what_django_says_in_both_languages():
    fields = list(choice_fields())
    assert len(fields) >= 10  # statuses, kinds, roles, scopes...
    for model, field in fields:
        method = getattr(model, f"get_{field.name}_display")
        assert not isinstance(method, partialmethod), (model, field.name)  # replaced
        for value in [choice for choice, _label in field.flatchoices] + ["no-such-value", None]:
            instance = model(**{field.attname: value})
            for language in ("da", "en"):
                with translation.override(language):
                    assert method(instance) == model._get_FIELD_display(instance, field), (model, field.name, value)


def test_the_label_follows_the_active_language():
    from cases.choices import RequisitionStatus
    from cases.models import Requisition

    requisition = Requisition(status=RequisitionStatus.FINISHED)
    with translation.override("da"):
        danish = requisition.get_status_display()
    with translation.override("en"):
        english = requisition.get_status_display()
    assert (danish, english) == ("Afsluttet", "Finished")
