"""One declaration per kind of registration: its fields, each named once, with where each is placed.

A kind (cases/kinds.py, projects/kinds.py, atlas/kinds.py) lists the model's fields in the order the
sheets show them, and says of each whether the form offers it (and so whether the kind's service writes
it: a service writes what a form or a sheet can give), which column the sheets give it (the list's Excel
export, the import's template and its columns) and whether the annual report's workbook shows it. The
form's `Meta.fields`, the services' field lists, the sheets' columns and the report's rows are taken
from here. A model field that the kind neither places nor names among its deliberate exclusions
(`unplaced`, with the reason) fails tests/registrations/test_kinds.py, as does a form field that the
form's layout does not show: a new field cannot be left out by accident (as the hours once were: in
the model and the exports, in no form, so always 0).
"""

from dataclasses import dataclass, field

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy

from spreadsheets.columns import (
    BooleanColumn,
    ChoiceColumn,
    Column,
    DateColumn,
    DecimalColumn,
    NamesColumn,
    RefColumn,
)

from .columns import area_column, challenge_column

DERIVED = object()  # the sheet column is made from the model field (Field.column holds its options)


@dataclass(frozen=True)
class Field:
    name: str
    form: bool = True  # offered by the kind's form, so written by its service
    sheet: object = DERIVED  # the sheets' Column; DERIVED: made from the model field; None: not in the sheets
    column: dict = field(default_factory=dict)  # options of a DERIVED column: header, required, example, help...
    report: bool = True  # shown in the report workbook's sheet of the kind (if it has one)
    report_key: str = ""  # what the report reads instead of the field: the annotation of a counting rule
    report_label: str = ""  # the report's heading of it, where the sheets' would read like another's
    personal: bool = False  # a contact person's name, e-mail or telephone: the API shows it only where allowed


def column_for(model_field, **options) -> Column:
    """The sheets' column for a model field: its kind of value from the field's type, its header the
    field's name as the forms show it ("Titel"), unless the options say otherwise."""
    header = options.pop("header", None) or capfirst(model_field.verbose_name)
    key = model_field.name
    if model_field.many_to_many:
        return NamesColumn(key, header, reference=options.pop("reference", key), **options)
    if model_field.many_to_one:
        return RefColumn(key, header, reference=options.pop("reference", key), **options)
    if model_field.choices:
        return ChoiceColumn(key, header, choices=list(model_field.choices), **options)
    if isinstance(model_field, models.BooleanField):
        options.setdefault("default", model_field.default is True)
        return BooleanColumn(key, header, **options)
    if isinstance(model_field, models.DateField):
        return DateColumn(key, header, **options)
    if isinstance(model_field, models.DecimalField):
        return DecimalColumn(key, header, **options)
    if isinstance(model_field, models.IntegerField):
        positive = (models.PositiveIntegerField, models.PositiveSmallIntegerField, models.PositiveBigIntegerField)
        whole = (gettext_lazy("Et helt tal, 0 eller mere.") if isinstance(model_field, positive)
                 else gettext_lazy("Et helt tal."))
        options.setdefault("help_format", whole)
        return Column(key, header, kind="int", **options)
    if isinstance(model_field, models.EmailField):
        options.setdefault("help_format", gettext_lazy("En e-mailadresse, f.eks. navn@kk.dk."))
    elif isinstance(model_field, models.URLField):
        options.setdefault("help_format", gettext_lazy("En webadresse, f.eks. www.kk.dk."))
    return Column(key, header, **options)


@dataclass(eq=False)  # a kind is itself: compared and hashed by identity
class Kind:
    model: type[models.Model]
    fields: tuple[Field, ...]
    # Model fields placed nowhere on purpose, and why (set by the service, by the database, by retention...).
    unplaced: dict[str, str] = field(default_factory=dict)
    # The annual report's workbook has a sheet of the year's rows of this kind.
    in_report: bool = True

    def __post_init__(self):
        names = [declared.name for declared in self.fields]
        duplicates = {name for name in names if names.count(name) > 1}
        if duplicates:
            raise ValueError(f"{self.model.__name__}: fields declared twice: {sorted(duplicates)}")
        self._columns = [self._column(declared) for declared in self.fields]

    def _column(self, declared: Field) -> Column | None:
        if declared.sheet is DERIVED:
            return column_for(self.model._meta.get_field(declared.name), **declared.column)
        return declared.sheet

    def model_field(self, name: str):
        return self.model._meta.get_field(name)

    @property
    def form_fields(self) -> list[str]:
        """The fields the kind's form offers (its Meta.fields), in the declaration's order."""
        return [declared.name for declared in self.fields if declared.form]

    @property
    def service_fields(self) -> tuple[str, ...]:
        """What the kind's service sets on the row: the form's fields but the many-to-many ones."""
        return tuple(name for name in self.form_fields if not self.model_field(name).many_to_many)

    @property
    def service_m2m(self) -> tuple[str, ...]:
        """The form's many-to-many fields, which the service sets after the row is saved."""
        return tuple(name for name in self.form_fields if self.model_field(name).many_to_many)

    @property
    def columns(self) -> list[Column]:
        """The sheets' columns: the list's Excel export, the import's template and the import."""
        return [column for column in self._columns if column is not None]

    @property
    def report_fields(self) -> list[Field]:
        """The fields the report workbook shows, in order (none when the kind has no sheet there)."""
        return [declared for declared in self.fields if declared.report] if self.in_report else []

    def placed_nowhere(self) -> list[str]:
        """The model's fields that the declaration neither places nor names among its exclusions."""
        named = {declared.name for declared in self.fields} | set(self.unplaced)
        fields = [model_field.name for model_field in self.model._meta.get_fields() if model_field.concrete]
        return [name for name in fields if name not in named]

    def unknown(self) -> list[str]:
        """Names the declaration places or excludes that are no field of the model."""
        fields = {model_field.name for model_field in self.model._meta.get_fields() if model_field.concrete}
        return sorted(({declared.name for declared in self.fields} | set(self.unplaced)) - fields)

    @property
    def personal_fields(self) -> list[str]:
        return [declared.name for declared in self.fields if declared.personal]

    def column(self, name: str) -> Column | None:
        return next((column for declared, column in zip(self.fields, self._columns, strict=True)
                     if declared.name == name), None)


# --- Fields several kinds declare alike --------------------------------------------------------------

CHALLENGE = Field("challenge", sheet=challenge_column())
OPTIONAL_CHALLENGE = Field("challenge", sheet=challenge_column(required=False))
AREA = Field("area", sheet=area_column())
HOURS = Field("hours", column={"example": "7,5"})
# The requester's contact person: personal data, so never in the report (and anonymised by retention).
REQUESTER_CONTACT = (
    Field("contact_name", report=False, personal=True, column={"help": gettext_lazy(
        "Kontaktpersonen hos rekvirenten. Anonymiseres efter opbevaringsperioden.")}),
    Field("contact_email", report=False, personal=True),
    Field("contact_phone", report=False, personal=True),
)
# Set by the service, the database or the retention job, never typed: placed nowhere.
BOOKKEEPING = {
    "id": "the database's key",
    "created_at": "set by the database when the row is made",
    "updated_at": "set by the database at every save",
    "version": "optimistic locking: claimed by each save (core/versioning.py)",
}
CREATED_BY = {"created_by": "the user who registers it, set by the service"}
ANONYMISED = {"anonymised_at": "set by the retention job when it blanks the contact person"}
