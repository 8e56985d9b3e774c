"""Importing registrations from a sheet with the export's columns.

An importer reads the sheet (`reading.read_sheet`), checks the header, parses each cell through its
column, looks up the reference data the row names (challenge, requesters, area, consultant...), and
validates the row with the registration's own form and model rules, so a row is judged as if it were
typed in the browser. Reference data that does not exist is reported as unknown; where a user may
create it (requesters, areas) it is created only when that user ticks it in the preview; where not
(consultants, projects, challenges) the row has an error. Reading the reference data and the existing
registrations (for duplicates) costs a fixed number of queries whatever the number of rows.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .columns import Column, NamesColumn, RefColumn, in_every_language, name_of
from .reading import SheetRows, read_sheet


@dataclass
class RowError:
    sheet: str
    row: int
    column: str
    message: str


class Reference:
    """Reference data a column names: how to find it by name and, if allowed, create it."""

    def __init__(self, model, label: str, permission: str | None = None, *, unknown: str = ""):
        self.model = model
        self.label = label  # Danish, with article, e.g. "området"
        self.permission = permission  # needed to create it from the preview; None: never created
        self.unknown = unknown or _("»%(name)s« findes ikke.")
        self.found: dict = {}

    def queryset(self):
        return self.model.objects.all()

    def keys(self, obj) -> list[str]:
        return [obj.name]

    def load(self) -> None:
        self.found = {}
        for obj in self.queryset():
            for key in self.keys(obj):
                if key:
                    self.found.setdefault(key.casefold(), obj)

    def find(self, name: str, data: dict):
        """The object the name stands for, None when unknown; ValidationError for a name that cannot
        be right for this row."""
        return self.found.get(name.casefold())

    def create(self, name: str, *, user=None):
        obj = self.model(name=name)
        obj.full_clean()
        obj.save()
        return obj


class UserReference(Reference):
    """Consultants, named by user name or full name. Never created from a sheet."""

    def queryset(self):
        return self.model.objects.filter(is_active=True)

    def keys(self, obj):
        return [obj.username, obj.get_full_name()]


class ChallengeReference(Reference):
    """A challenge of the work plan of the registration's year, named by its number ("1"), its short
    label, its name, or as the export writes it ("2008 · 1. Beskæftigelse")."""

    EXPORTED = re.compile(r"^\s*(\d{4})\s*·\s*(\d+)\s*\.")

    def __init__(self, model, label, *, date_field: str, later_field: str | None = None):
        super().__init__(model, label)
        self.date_field = date_field
        # A date whose later year the registration may belong to instead (a requisition held in the year
        # after it was received, cases.models.Requisition.held_in_its_challenges_year): as the export names it.
        self.later_field = later_field

    def queryset(self):
        return self.model.objects.select_related("work_plan")

    def load(self):
        self.found = {}
        for challenge in self.queryset():
            year = challenge.work_plan.year
            for key in (str(challenge.number), challenge.short_label, challenge.name):
                self.found.setdefault((year, key.casefold()), challenge)
        self.years = {year for year, _key in self.found}

    def find(self, name, data):
        day = data.get(self.date_field)
        if day is None:
            return False  # the date's own error says what is wrong
        exported = self.EXPORTED.match(name)
        later = data.get(self.later_field) if self.later_field else None
        if exported:
            year, number = int(exported.group(1)), exported.group(2)
            if later is not None and year == later.year > day.year:
                day = later
            elif year != day.year:
                raise ValidationError(_("Udfordringen hører til arbejdsplanen for %(plan)s, men registreringen er "
                                        "dateret %(year)s. Vælg en udfordring fra %(year)s.")
                                      % {"plan": year, "year": day.year})
            name = number
        if day.year not in self.years:
            raise ValidationError(_("Der er ingen arbejdsplan for %(year)s.") % {"year": day.year})
        challenge = self.found.get((day.year, name.strip().casefold()))
        if challenge is None:
            raise ValidationError(_("Udfordringen »%(name)s« findes ikke i arbejdsplanen for %(year)s.")
                                  % {"name": name, "year": day.year})
        return challenge


@dataclass
class Preview:
    sheet: str
    rows: list[dict] = field(default_factory=list)  # per valid row: "_row", "_instance" and the values by key
    errors: list[RowError] = field(default_factory=list)
    unknown: dict[str, dict[str, list[int]]] = field(default_factory=dict)  # column key -> name -> rows
    total: int = 0

    @property
    def unresolved(self) -> list[tuple[str, str, list[int]]]:
        return [(key, name, rows) for key, names in self.unknown.items() for name, rows in names.items()]

    @property
    def ok(self) -> bool:
        return not self.errors and not self.unknown


def row_form(form_class, fields: list[str]) -> type[forms.Form]:
    """A form of the given fields as the registration's own form makes them: the model's form fields with
    the form's declared fields (such as a URL field's scheme) and its Danish error messages. It turns a
    row's cells into values; the kind's service then checks the row (Importer._validate)."""
    meta = form_class._meta
    declared = {name: field for name, field in form_class.declared_fields.items() if name in fields}
    base = forms.fields_for_model(meta.model, [name for name in fields if name not in declared],
                                  error_messages=meta.error_messages or {})
    # The form's own order of the fields, so that a row's errors come in the order of its columns.
    return type(f"{form_class.__name__}Row", (forms.Form,), {name: {**base, **declared}[name] for name in fields})


def _key_part(value):
    """A value as a duplicate key compares it: text without case, a registration's reference by key."""
    if isinstance(value, str):
        return value.casefold()
    return getattr(value, "pk", value)


def _shown(value) -> str:
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")  # 25.11.2026 in Danish, 25/11/2026 in English
    return name_of(value) if not isinstance(value, str) else value


def normalise(header: str) -> str:
    return " ".join(str(header).replace("*", "").split()).casefold()


class Importer:
    """The import of one kind of registration. Subclasses set the attributes and may refine
    `duplicate_key`, `existing_keys` and `duplicate_message`."""

    slug: str
    sheet_name: str
    model: type
    form_class: type  # the registration's own form; the row form takes its plain fields
    columns: list[Column]
    permission: str
    list_url: str
    noun_plural: str
    title: str
    # The kind's services: one that checks a new row without saving it (e.g. cases.services.requisition_build),
    # and one that registers many rows at once (requisition_create_many).
    build: Callable[..., tuple]
    create_many: Callable[..., list]

    def __init__(self):
        self.references = self.make_references()
        plain = [column.key for column in self.columns if not isinstance(column, RefColumn | NamesColumn)]
        self.row_form_class = row_form(self.form_class, plain)

    def make_references(self) -> dict[str, Reference]:
        return {}

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)

    def reference_of(self, column) -> Reference:
        return self.references[column.reference or column.key]

    def headers_of(self, reference_key: str) -> str:
        """The headers of the columns that name this reference data."""
        return ", ".join(str(column.header) for column in self.columns if isinstance(column, RefColumn | NamesColumn)
                         and (column.reference or column.key) == reference_key)

    # --- duplicates -------------------------------------------------------------------------------
    # The fields that make two rows the same registration (none: duplicates are allowed), and the
    # message at the first of them, formatted with the row's values.
    duplicate_fields: tuple[str, ...] = ()
    duplicate_text: str = ""

    def duplicate_key(self, row: dict):
        if not self.duplicate_fields:
            return None
        return tuple(_key_part(row[name]) for name in self.duplicate_fields)

    def existing_keys(self) -> set:
        """The keys of the registrations already there, in one query."""
        if not self.duplicate_fields:
            return set()
        return {tuple(_key_part(value) for value in values)
                for values in self.model.objects.values_list(*self.duplicate_fields)}

    def duplicate_message(self, row: dict) -> tuple[str, str]:
        shown = {name: _shown(row[name]) for name in self.duplicate_fields}
        return str(self.column(self.duplicate_fields[0]).header), self.duplicate_text % shown

    # --- reading and validating -------------------------------------------------------------------
    def read(self, data: bytes) -> SheetRows:
        return read_sheet(data, sheet_name=str(self.sheet_name))

    def _positions(self, sheet: SheetRows, preview: Preview) -> dict[str, int]:
        # The headers in the reader's language first, then in the register's other languages.
        known = {normalise(column.header): column for column in self.columns}
        for column in self.columns:
            for header in in_every_language(column.header):
                known.setdefault(normalise(header), column)
        positions = {}
        for index, header in enumerate(sheet.header):
            if not header.strip():
                continue
            column = known.get(normalise(header))
            if column is None:
                preview.errors.append(RowError(sheet.title, 1, header, _("Ukendt kolonne. Brug skabelonens "
                                                                         "overskrifter.")))
            elif column.key in positions:
                preview.errors.append(RowError(sheet.title, 1, header, _("Kolonnen står der to gange.")))
            else:
                positions[column.key] = index
        for column in self.columns:
            if column.required and column.key not in positions:
                preview.errors.append(RowError(sheet.title, 1, str(column.header), _("Kolonnen mangler.")))
        return positions

    def validate(self, sheet: SheetRows, *, user, create: dict[str, set[str]] | None = None,
                 progress=None) -> Preview:
        """Every row checked as if typed in the browser, in four steps: parse each cell through its column,
        resolve the names of reference data the row holds, validate the row with the registration's own
        form and model rules, then find the rows that repeat one already registered or an earlier row.
        `progress(done, total)`, when given, is told of each row checked."""
        create = {key: {name.casefold() for name in names} for key, names in (create or {}).items()}
        preview = Preview(sheet=sheet.title, total=len(sheet.rows))
        positions = self._positions(sheet, preview)
        if preview.errors:
            return preview
        for reference in self.references.values():
            reference.load()
        for done, (number, cells) in enumerate(sheet.rows):
            if progress is not None:
                progress(done, preview.total)
            row = _RowCheck(self, sheet.title, number, preview, create)
            values, names = self._parse(row, cells, positions)
            # Parsed values (the date as a date) let a reference depend on the row, as a challenge on its year.
            resolved = {key: row.resolve(self.column(key), name, values) for key, name in names.items()}
            cleaned = self._validate(row, values, resolved, user=user)
            if row.errors:
                preview.errors.extend(row.errors)
            else:
                preview.rows.append({**cleaned, **resolved, "_row": number})
        self._find_duplicates(preview)
        return preview

    def _parse(self, row: "_RowCheck", cells: list, positions: dict[str, int]) -> tuple[dict, dict]:
        """The row's plain values (as form data) and the names it gives of reference data, by column key;
        a cell that cannot be read is the row's error."""
        values, names = {}, {}
        for column in self.columns:
            if column.key not in positions:
                continue
            index = positions[column.key]
            cell = cells[index] if index < len(cells) else None
            if cell is not None and cell.error:
                row.error(column, cell.error)
                continue
            try:
                value = column.parse(cell.value if cell is not None else None)
            except ValidationError as exc:
                row.error(column, " ".join(exc.messages))
                continue
            (names if isinstance(column, RefColumn | NamesColumn) else values)[column.key] = value
        return values, names

    def _validate(self, row: "_RowCheck", values: dict, resolved: dict, *, user) -> dict:
        """The row as the registration's form cleans its values, then checked by the kind's service with
        the reference data it names (`build`, the service's own rules: what the form refuses, the import
        refuses alike). The errors are the row's, at their columns, as a form shows them: one per field, so
        the service is not heard on a value the form already refused, nor on a cell that gave its own
        error or a name not found or still to be created."""
        form = self.row_form_class(data=values)
        form.is_valid()
        self._errors_at_columns(row, form.errors)
        # A name to be created is made only when the rows are written: until then the row goes without it.
        found = {key: (None if isinstance(value, str) else value) for key, value in resolved.items()}
        try:
            self.build(user=user, data={**form.cleaned_data, **found}, many=True)
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
            self._errors_at_columns(row, {name: messages for name, messages in errors.items()
                                          if name not in form.errors})
        return form.cleaned_data

    def _errors_at_columns(self, row: "_RowCheck", errors: dict) -> None:
        for field_name, messages in errors.items():
            column = next((column for column in self.columns if column.key == field_name), None)
            if column is None or column.key not in row.failed | row.pending:
                for message in messages:
                    row.error(column, message)

    def _find_duplicates(self, preview: Preview) -> None:
        """Rows that are a registration already there, or repeat an earlier row, become errors; the errors
        are then in the order of the rows."""
        seen = self.existing_keys()
        in_file: dict = {}
        unique = []
        for row in preview.rows:
            key = self.duplicate_key(row)
            if key is not None and key in seen:
                header, message = self.duplicate_message(row)
                preview.errors.append(RowError(preview.sheet, row["_row"], header, message))
            elif key is not None and key in in_file:
                header, _message = self.duplicate_message(row)
                preview.errors.append(RowError(preview.sheet, row["_row"], header, _(
                    "Rækken er en gentagelse af række %(row)s.") % {"row": in_file[key]}))
            else:
                if key is not None:
                    in_file[key] = row["_row"]
                unique.append(row)
        preview.rows = unique
        preview.errors.sort(key=lambda error: error.row)

    # --- saving -----------------------------------------------------------------------------------
    def create_references(self, rows: list[dict], *, user=None) -> int:
        """Creates the reference data the user chose to create, and puts it in the rows."""
        created: dict[tuple[str, str], object] = {}

        def made(column, item):
            if not isinstance(item, str):
                return item
            reference_key = column.reference or column.key
            if (reference_key, item.casefold()) not in created:
                created[reference_key, item.casefold()] = self.references[reference_key].create(item, user=user)
            return created[reference_key, item.casefold()]

        for row in rows:
            for column in self.columns:
                if isinstance(column, NamesColumn) and column.key in row:
                    row[column.key] = [made(column, item) for item in row[column.key]]
                elif isinstance(column, RefColumn) and row.get(column.key) is not None:
                    row[column.key] = made(column, row[column.key])
        return len(created)

    def save_rows(self, rows: list[dict], *, user) -> list:
        """Writes the rows through the kind's service (`create_many`): its rules, its history rows and what
        it tells the caches are the service's business, as for a form. A row the service refuses raises
        core.exceptions.RowRejected with its index in `rows`."""
        return self.create_many(user=user, rows=[{key: value for key, value in row.items() if not key.startswith("_")}
                                                 for row in rows])


class _RowCheck:
    """The errors of one row, and the lookup of the names it holds."""

    def __init__(self, importer, sheet, number, preview, create):
        self.importer, self.sheet, self.number, self.preview, self.create = importer, sheet, number, preview, create
        self.errors: list[RowError] = []
        self.failed: set[str] = set()  # columns whose names were not found (listed apart) or gave an error
        self.pending: set[str] = set()  # columns with a name the user chose to create

    def error(self, column, message) -> None:
        self.errors.append(RowError(self.sheet, self.number, str(column.header) if column else "", message))
        if column is not None:
            self.failed.add(column.key)

    def resolve(self, column, value, data):
        """The object(s) the cell names; a name to be created stays a string."""
        if isinstance(column, NamesColumn):
            if column.required and not value:
                self.error(column, _("Feltet skal udfyldes."))
            found = []
            for name in value:
                parts = self._known_parts(column, name, data)
                found.extend(parts if parts is not None else [self._one(column, name, data)])
            return [item for item in found if item is not None]
        if value is None:
            if column.required:
                self.error(column, _("Feltet skal udfyldes."))
            return None
        return self._one(column, value, data)

    def _known_parts(self, column, name, data) -> list | None:
        """An older comma-separated list ("BIF, KFF"): its parts, when the whole is no known name and every
        part is one; otherwise None, and the name is read whole (a name may hold a comma)."""
        if "," not in name:
            return None
        reference = self.importer.reference_of(column)
        try:
            if reference.find(name, data) is not None:
                return None
            parts = [reference.find(part.strip(), data) for part in name.split(",") if part.strip()]
        except ValidationError:
            return None
        return parts if parts and all(part not in (None, False) for part in parts) else None

    def _one(self, column, name, data):
        reference = self.importer.reference_of(column)
        try:
            found = reference.find(name, data)
        except ValidationError as exc:
            self.error(column, " ".join(exc.messages))
            return None
        if found is False:
            self.failed.add(column.key)
            return None
        if found is not None:
            return found
        if reference.permission is None:
            self.error(column, reference.unknown % {"name": name})
            return None
        if name.casefold() in self.create.get(column.reference or column.key, set()):
            self.pending.add(column.key)
            return name  # created when the rows are saved
        self.preview.unknown.setdefault(column.reference or column.key, {}).setdefault(name, []).append(self.number)
        self.failed.add(column.key)
        return None
