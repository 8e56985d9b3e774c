"""`get_FOO_display()` of the register's models, without rebuilding the choices at every call.

Django's Model._get_FIELD_display flattens the field's choices and builds a dictionary of them each
time it is called: 80-90 µs a call here, 2 ms of a list page that shows a status on each of its 25
rows (bench/load, profile of the requisition list). The dictionary is built once per field instead;
its labels stay lazy, so each call still returns the label in the active language.
"""

from functools import partialmethod

from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

APPS = ("core", "cases", "projects", "atlas", "surveys", "reports", "history", "accounts", "spreadsheets")


def _display_method(field):
    labels = dict(make_hashable(field.flatchoices))

    def display(self):
        value = getattr(self, field.attname)
        return force_str(labels.get(make_hashable(value), value), strings_only=True)

    display.__name__ = f"get_{field.name}_display"
    return display


def install(apps) -> None:
    """Replace the get_FOO_display() Django made for each field with fixed choices of the register's
    models (one defined by hand on a model is left alone)."""
    for model in apps.get_models():
        if model._meta.app_label not in APPS:
            continue
        for field in model._meta.get_fields():
            name = f"get_{getattr(field, 'name', '')}_display"
            if getattr(field, "choices", None) is None or isinstance(field.choices, CallableChoiceIterator):
                continue
            if isinstance(model.__dict__.get(name), partialmethod):
                setattr(model, name, _display_method(field))
