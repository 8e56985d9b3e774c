"""Choice fields over the reference data, offering their lists from the reference cache.

Almost every page offers the same short lists: the filters of a list (challenges, requesters, areas,
consultants), the registration forms, the start page's quick form. Read from the database they took four
to seven queries and a hundred model objects a page (bench/load). A field of this module names the list it
offers (`choices_name`: "challenges", or "consultants+7" for the consultants and user 7): the (value, label)
pairs are read through the reference cache under that name, the reference token and the language
(core/reference_cache.py), and a select over them writes the same HTML for the same list, value and
attributes, which is cached too. The field's queryset still checks a submitted choice against the database
(ModelChoiceField.to_python), so a stale list can never save a choice that is gone.

A name stands for one queryset and one way of labelling its rows: two fields that offer different rows or
label them differently must have different names. Only Django's and django-filter's public API is used:
a model choice field's `iterator` class, a widget's `render`, ModelForm's `formfield_callback`.
"""

import hashlib

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django_filters.fields import ModelChoiceField as FilterModelChoiceField
from django_filters.fields import ModelChoiceIterator as FilterModelChoiceIterator

from . import reference_cache
from .display import person
from .models import Area, Challenge, Organisation
from .selectors import challenge_years, consultant_list


class CachedChoiceIterator(ModelChoiceIterator):
    """The field's (value, label) pairs from the reference cache, under the field's `choices_name`. The
    values are ModelChoiceIteratorValue without an instance: the register's widgets read only the value."""

    def pairs(self) -> list[tuple]:
        field = self.field

        def read():
            return [(field.prepare_value(obj), str(field.label_from_instance(obj))) for obj in self.queryset.iterator()]

        return reference_cache.cached(f"choices:{field.choices_name}", read)

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for value, label in self.pairs():
            yield (ModelChoiceIteratorValue(value, None), label)

    def __len__(self):
        return len(self.pairs()) + (1 if self.field.empty_label is not None else 0)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.pairs())


class ChallengeChoiceIterator(CachedChoiceIterator):
    """The challenges in an <optgroup> per work plan year, newest first (as the list is ordered), so that the
    form's script offers only the years its dates allow (static/js/tfi.js, `data-year-of`)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        years = challenge_years()
        groups: dict[int | None, list] = {}
        for value, label in self.pairs():
            groups.setdefault(years.get(value), []).append((ModelChoiceIteratorValue(value, None), label))
        for year, choices in groups.items():
            yield (str(year), choices)


class CachedFilterChoiceIterator(FilterModelChoiceIterator, CachedChoiceIterator):
    """django-filter's iterator (it adds the "none" choice of a `null_label`) over the cached pairs."""


class CachedSelectMixin:
    """A select over a cached list writes the same HTML for the same list, value and attributes: kept under
    the reference token and the language. Written option by option (ChoiceWidget.optgroups), it took
    0.3-0.6 ms a field, four fields on every list page and form (bench/load)."""

    def render(self, name, value, attrs=None, renderer=None):
        choices = self.choices
        if not isinstance(choices, CachedChoiceIterator):
            return super().render(name, value, attrs, renderer)
        field = choices.field
        shape = repr((type(self).__qualname__, type(renderer).__qualname__, field.choices_name, str(field.empty_label),
                      str(getattr(field, "null_label", None)), name, self.format_value(value),
                      sorted(self.build_attrs(self.attrs, attrs).items())))
        digest = hashlib.sha256(shape.encode()).hexdigest()[:32]
        render = super().render
        return reference_cache.cached(f"select:{digest}", lambda: render(name, value, attrs, renderer))


class CachedSelect(CachedSelectMixin, forms.Select):
    pass


class CachedSelectMultiple(CachedSelectMixin, forms.SelectMultiple):
    pass


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, refusing an id too large for the database as an invalid choice: SQLite's driver fails
    with OverflowError (a 500) on `id IN (10**30)`, where PostgreSQL finds nothing."""

    def clean(self, value):
        low, high = connection.ops.integer_field_range("BigIntegerField")
        for pk in value if isinstance(value, list | tuple) else ():
            try:
                in_range = low <= int(pk) <= high
            except (TypeError, ValueError):
                continue  # not a number: Django's own check refuses it
            if not in_range:
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                      params={"pk": pk})
        return super().clean(value)


class CachedChoicesMixin:
    """A model choice field offering the list named `choices_name` from the reference cache."""

    iterator = CachedChoiceIterator
    choices_name = ""

    def __init__(self, *args, choices_name: str = "", **kwargs):
        if choices_name:
            self.choices_name = choices_name
        if not self.choices_name:
            raise ValueError(f"{type(self).__name__} needs a choices_name")
        super().__init__(*args, **kwargs)


class CachedModelChoiceField(CachedChoicesMixin, forms.ModelChoiceField):
    widget = CachedSelect


class CachedModelMultipleChoiceField(CachedChoicesMixin, ModelMultipleChoiceField):
    widget = CachedSelectMultiple


class ChallengeChoiceField(CachedModelChoiceField):
    """A form's challenge, its choices grouped by year (ChallengeChoiceIterator)."""

    iterator = ChallengeChoiceIterator
    choices_name = "challenges-by-year"


class CachedFilterChoiceField(CachedChoicesMixin, FilterModelChoiceField):
    iterator = CachedFilterChoiceIterator
    widget = CachedSelect


class CachedModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A filter over reference data; give it `choices_name` with the queryset."""

    field_class = CachedFilterChoiceField


# --- Consultants ----------------------------------------------------------------------------------------

class ConsultantChoicesMixin:
    """Active users in the consultant role, by name (core.selectors.consultant_list)."""

    choices_name = "consultants"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", consultant_list())
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return person(obj)

    def including(self, user_ids) -> None:
        """Offer these users too, whatever their state: an edit keeps a consultant who has since left or
        changed role."""
        ids = sorted({pk for pk in user_ids if pk is not None})
        self.queryset = consultant_list(include=ids)
        self.choices_name = "consultants" + "".join(f"+{pk}" for pk in ids)


class ConsultantPickerMixin(ConsultantChoicesMixin):
    """A form's consultants, offered as a searchable picker (a list's filter stays a plain select)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("data-picker", "plain")


class ConsultantChoiceField(ConsultantPickerMixin, CachedModelChoiceField):
    pass


class ConsultantMultipleChoiceField(ConsultantPickerMixin, CachedModelMultipleChoiceField):
    pass


class ConsultantFilterField(ConsultantChoicesMixin, CachedFilterChoiceField):
    pass


# --- The reference data of model forms --------------------------------------------------------------------

# The lists a model form's relation to reference data offers, by the related model: its rows as the
# model's default ordering gives them, labelled by str().
REFERENCE_LISTS = {Challenge: "challenges", Organisation: "organisations", Area: "areas"}
REFERENCE_QUERYSETS = {Challenge: lambda: Challenge.objects.select_related("work_plan")}
# The relations a form offers as a searchable picker (static/js/pickers.js; a plain select without
# JavaScript), by the related model; every many-to-many relation is one too. A requester picker offers to
# add a new requester to those who may (registrations/requesters.py).
PICKERS = {Organisation: "requester", Area: "plain"}


def formfield_for(model_field, **kwargs):
    """A model form's field for a model field (its Meta's formfield_callback): as Django makes it, but a
    relation to reference data offers its list from the reference cache, and a many-to-many field refuses
    an id too large for the database."""
    related = model_field.related_model if model_field.is_relation else None
    if related is Challenge and not model_field.many_to_many:
        kwargs.setdefault("form_class", ChallengeChoiceField)
        kwargs.setdefault("queryset", REFERENCE_QUERYSETS[related]())
    elif related in REFERENCE_LISTS:
        kwargs.setdefault("form_class", CachedModelMultipleChoiceField if model_field.many_to_many
                          else CachedModelChoiceField)
        kwargs.setdefault("choices_name", REFERENCE_LISTS[related])
        if related in REFERENCE_QUERYSETS:
            kwargs.setdefault("queryset", REFERENCE_QUERYSETS[related]())
    elif model_field.many_to_many:
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
    field = model_field.formfield(**kwargs)
    if related in PICKERS or (field is not None and model_field.many_to_many):
        field.widget.attrs.setdefault("data-picker", PICKERS.get(related, "plain"))
    return field
