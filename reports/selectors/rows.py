"""The year's registrations for the report's Excel workbook: a sheet per kind, as plain data (column keys,
labels and types "text", "int", "date", "decimal", "bool"; rows with ISO dates and numbers as numbers),
so that an approved report keeps them as JSON exactly as they were.

Each sheet's columns are the fields its kind's declaration shows in the report (registrations/kinds.py),
in the declaration's order, after the row's number: a field added to a kind reaches the workbook with it.
A related row is named (a challenge by its number and label, a user by name, others by name or title),
a choice by its label; a counting rule's annotation stands in for the field where the kind says so (a
requisition's participants, counted at its events). A fixed number of queries in all: plain values, no
model instances, for a busy year holds tens of thousands of rows.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cases.kinds import ADVISORY, DELIVERABLE, EVENT, REQUISITION, STEERING_GROUP_MEMBERSHIP
from cases.models import Advisory, Deliverable, Event, Requisition, SteeringGroupMembership
from core.display import full_name
from core.models import Challenge
from projects.kinds import PROJECT_VISIT
from projects.models import ProjectVisit
from registrations.kinds import Kind

NUMBER = ("id", _("Nr."), "int")
# A requisition's number is the report's: its challenge's number and its place among the challenge's
# requisitions in the order received ("1.3"), as the Word report numbers them, so the two read side by side.
REPORT_NUMBER = ("number", _("Nr."), "text")
NUMBERED = {"requisitions"}
CHALLENGE_COLUMNS = (("challenge__number", _("Udfordring nr."), "int"),
                     ("challenge__short_label", _("Udfordring"), "text"))


# The report's sheets of registrations, in the workbook's order.
SHEETS = {"requisitions": REQUISITION, "advisories": ADVISORY, "events": EVENT, "deliverables": DELIVERABLE,
          "project_visits": PROJECT_VISIT, "steering_groups": STEERING_GROUP_MEMBERSHIP}


def year_rows(key: str, year: int) -> models.QuerySet:
    """A sheet's rows: the year's registrations of its kind, in the sheet's order."""
    return {
        "requisitions": lambda: Requisition.objects.for_year(year).with_event_participants()
        .order_by("challenge__number", "date_received", "pk"),
        "advisories": lambda: Advisory.objects.for_year(year).order_by("date", "pk"),
        "events": lambda: Event.objects.for_year(year).order_by("date", "pk"),
        "deliverables": lambda: Deliverable.objects.for_year(year).order_by("challenge__number", "pk"),
        "project_visits": lambda: ProjectVisit.objects.for_year(year).order_by("date", "pk"),
        "steering_groups": lambda: SteeringGroupMembership.objects.for_year(year).order_by("start", "body"),
    }[key]()


def _type(model_field) -> str:
    if model_field.choices or model_field.is_relation:
        return "text"
    if isinstance(model_field, models.BooleanField):
        return "bool"
    if isinstance(model_field, models.DateField):
        return "date"
    if isinstance(model_field, models.DecimalField):
        return "decimal"
    if isinstance(model_field, models.IntegerField):
        return "int"
    return "text"


def _named_by(model) -> str:
    """The field a related row is named by."""
    names = {field.name for field in model._meta.fields}
    return "name" if "name" in names else "title"


class _Column:
    """One column of a sheet: its key, label and type, the values it reads, and how it makes its value."""

    def __init__(self, kind: Kind, declared):
        model_field = kind.model_field(declared.name)
        column = kind.column(declared.name)
        self.label = declared.report_label or (column.header if column else capfirst(model_field.verbose_name))
        self.name, self.many = declared.name, model_field.many_to_many
        self.related = model_field.related_model if model_field.is_relation else None
        if declared.report_key:
            self.paths, self.type = [declared.report_key], _type(model_field)
        elif self.related is get_user_model():
            self.paths, self.type = [f"{self.name}__{part}" for part in ("first_name", "last_name", "username")], "text"
        elif self.related is not None and not self.many:
            self.paths, self.type = [f"{self.name}__{_named_by(self.related)}"], "text"
        elif self.many:
            self.paths, self.type = [], "text"
        else:
            self.paths, self.type = [self.name], _type(model_field)
        self.labels = dict(model_field.flatchoices) if model_field.choices else None

    def value(self, row: dict, names: dict):
        if self.many:
            return ", ".join(names.get(row["id"], []))
        if self.related is get_user_model():
            first, last, username = (row[path] for path in self.paths)
            return full_name(first, last, username) if username else None
        value = row[self.paths[0]]
        if self.labels is not None and value is not None:
            return str(self.labels.get(value, value))
        if isinstance(value, Decimal):
            return float(value)  # JSON (the approved snapshot) keeps numbers as floats
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return value


def _many_names(kind: Kind, column: _Column, ids: list[int]) -> dict[int, list[str]]:
    """Per row, the names of its related rows of a many-to-many field, in one query."""
    relation = kind.model_field(column.name)
    through = relation.remote_field.through
    source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
    names: dict[int, list[str]] = {}
    named_by = f"{target}__{_named_by(column.related)}"
    for row_id, name in (through.objects.filter(**{f"{source}__in": ids}).order_by(named_by)
                         .values_list(f"{source}_id", named_by)):
        names.setdefault(row_id, []).append(name)
    return names


def kind_sheet(kind: Kind, queryset: models.QuerySet, *, numbered: bool = False) -> dict:
    """The rows of `queryset` as a sheet of the report's workbook (see the module's docstring). `numbered`:
    the rows, in the report's order (by challenge, then as received), are numbered as the report numbers
    them (REPORT_NUMBER) rather than by their id."""
    header = [REPORT_NUMBER if numbered else NUMBER]  # (key, label, type) of each column
    columns: list[tuple[str, _Column | None]] = []  # (key, how its value is made; None: read as it is)
    for declared in kind.report_fields:
        if kind.model_field(declared.name).related_model is Challenge:
            header += CHALLENGE_COLUMNS
            columns += [(key, None) for key, _label, _type in CHALLENGE_COLUMNS]
        else:
            column = _Column(kind, declared)
            header.append((declared.name, column.label, column.type))
            columns.append((declared.name, column))
    paths = ["id", *(key if column is None else path for key, column in columns
                     for path in ([key] if column is None else column.paths))]
    if numbered:
        paths.append("challenge__number")
    values = list(queryset.values(*dict.fromkeys(paths)))
    ids = [row["id"] for row in values]
    names = {key: _many_names(kind, column, ids) for key, column in columns if column is not None and column.many}
    rows = [{"id": row["id"], **{key: row[key] if column is None else column.value(row, names.get(key, {}))
                                 for key, column in columns}} for row in values]
    if numbered:
        places: dict = {}
        for row, value in zip(rows, values, strict=True):
            challenge = value["challenge__number"]
            places[challenge] = places.get(challenge, 0) + 1
            row["number"] = f"{challenge}.{places[challenge]}"
    return {"columns": [{"key": key, "label": str(label), "type": type_} for key, label, type_ in header],
            "rows": rows}


def export_rows(*, year: int) -> dict:
    """The year's registrations for the Excel workbook, a sheet per kind, a fixed number of queries in all."""
    return {key: kind_sheet(kind, year_rows(key, year), numbered=key in NUMBERED) for key, kind in SHEETS.items()}


def column_labels() -> dict[str, dict[str, str]]:
    """Per sheet, the current label of each column key, in the active language: an approved report's rows
    are shown with them (reports/snapshot_labels.py)."""
    labels = {}
    for key, kind in SHEETS.items():
        sheet = {NUMBER[0]: str(NUMBER[1]), REPORT_NUMBER[0]: str(REPORT_NUMBER[1]),
                 **{k: str(label) for k, label, _t in CHALLENGE_COLUMNS}}
        for declared in kind.report_fields:
            if kind.model_field(declared.name).related_model is not Challenge:
                sheet[declared.name] = str(_Column(kind, declared).label)
        labels[key] = sheet
    return labels
