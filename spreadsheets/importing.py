"""Importing registrations from a sheet with the export's columns.

An importer reads the sheet (`reading.read_sheet`), checks the header, parses each cell through its
column and validates each row with the registration's own form, so a row is judged exactly as if it
were typed in the browser. Reference data named in the sheet (areas, requesters) is looked up by
name; a name that does not exist is reported as unknown, and is created only when the user chose to
create it in the preview. Every check reads the database a fixed number of times, whatever the
number of rows, apart from the form's own validation of each row.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .columns import Column, NamesColumn
from .reading import SheetRows, read_sheet


@dataclass
class RowError:
    sheet: str
    row: int
    column: str
    message: str


@dataclass
class Reference:
    """Reference data a names column points at: how to find it and how to create it on request."""

    model: type
    label: str  # Danish, singular, e.g. "området"
    permission: str  # needed to create it from the preview

    def existing(self) -> dict[str, object]:
        return {obj.name.casefold(): obj for obj in self.model.objects.all()}

    def create(self, name: str):
        obj = self.model(name=name)
        obj.full_clean()
        obj.save()
        return obj


@dataclass
class Preview:
    sheet: str
    rows: list[dict] = field(default_factory=list)  # the cleaned rows, each with its row number as "_row"
    errors: list[RowError] = field(default_factory=list)
    unknown: dict[str, dict[str, list[int]]] = field(default_factory=dict)  # column key -> name -> rows
    total: int = 0

    @property
    def unresolved(self) -> list[tuple[str, str, list[int]]]:
        return [(key, name, rows) for key, names in self.unknown.items() for name, rows in names.items()]

    @property
    def ok(self) -> bool:
        return not self.errors and not self.unknown


def normalise(header: str) -> str:
    return " ".join(str(header).replace("*", "").split()).casefold()


class Importer:
    """The import of one kind of registration. Subclasses set the attributes and `save_rows`."""

    slug: str
    sheet_name: str
    model: type
    form_class: type
    columns: list[Column]
    references: dict[str, Reference] = {}
    permission: str
    list_url: str
    noun_plural: str  # "aktører"

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)

    # --- duplicates -------------------------------------------------------------------------------
    def duplicate_key(self, cleaned: dict):
        """What makes two rows the same registration, or None when duplicates are allowed."""
        return None

    def existing_keys(self) -> set:
        return set()

    def duplicate_message(self, cleaned: dict) -> tuple[str, str]:
        return "", _("Rækken findes allerede i registeret.")

    # --- reading and validating -------------------------------------------------------------------
    def read(self, data: bytes) -> SheetRows:
        return read_sheet(data, sheet_name=self.sheet_name)

    def _positions(self, sheet: SheetRows, preview: Preview) -> dict[str, int]:
        known = {normalise(column.header): column for column in self.columns}
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

    def validate(self, sheet: SheetRows, *, create: dict[str, set[str]] | None = None) -> Preview:
        create = {key: {name.casefold() for name in names} for key, names in (create or {}).items()}
        preview = Preview(sheet=sheet.title, total=len(sheet.rows))
        positions = self._positions(sheet, preview)
        if preview.errors:
            return preview
        found = {key: reference.existing() for key, reference in self.references.items()}
        seen = self.existing_keys()
        in_file: dict = {}
        for number, cells in sheet.rows:
            row_errors: list[RowError] = []
            data, names, failed = {}, {}, set()
            for column in self.columns:
                if column.key not in positions:
                    continue
                index = positions[column.key]
                cell = cells[index] if index < len(cells) else None
                if cell is not None and cell.error:
                    row_errors.append(RowError(sheet.title, number, str(column.header), cell.error))
                    failed.add(column.key)
                    continue
                try:
                    value = column.parse(cell.value if cell is not None else None)
                except ValidationError as exc:
                    row_errors.append(RowError(sheet.title, number, str(column.header), " ".join(exc.messages)))
                    failed.add(column.key)
                    continue
                if isinstance(column, NamesColumn):
                    names[column.key] = value
                else:
                    data[column.key] = value
            resolved = self._resolve(sheet.title, number, names, found, create, preview, row_errors)
            form = self.form_class(data=data)
            if not form.is_valid():
                for field_name, messages in form.errors.items():
                    if field_name in failed:
                        continue  # the cell's own error says it
                    header = next((str(column.header) for column in self.columns if column.key == field_name), "")
                    row_errors.extend(RowError(sheet.title, number, header, message) for message in messages)
            if not row_errors:
                cleaned = {**form.cleaned_data, **resolved, "_row": number}
                key = self.duplicate_key(cleaned)
                if key is not None and key in seen:
                    header, message = self.duplicate_message(cleaned)
                    row_errors.append(RowError(sheet.title, number, header, message))
                elif key is not None and key in in_file:
                    header, _message = self.duplicate_message(cleaned)
                    row_errors.append(RowError(sheet.title, number, header,
                                               _("Rækken er en gentagelse af række %(row)s.") % {"row": in_file[key]}))
                else:
                    if key is not None:
                        in_file[key] = number
                    preview.rows.append(cleaned)
            preview.errors.extend(row_errors)
        return preview

    def _resolve(self, title, number, names, found, create, preview, row_errors) -> dict:
        resolved = {}
        for key, values in names.items():
            column = self.column(key)
            if column.required and not values:
                row_errors.append(RowError(title, number, str(column.header), _("Feltet skal udfyldes.")))
                continue
            objects = []
            for name in values:
                obj = found[key].get(name.casefold())
                if obj is not None:
                    objects.append(obj)
                elif name.casefold() in create.get(key, set()):
                    objects.append(name)  # created when the rows are saved
                else:
                    preview.unknown.setdefault(key, {}).setdefault(name, []).append(number)
            resolved[key] = objects
        return resolved

    # --- saving -----------------------------------------------------------------------------------
    def create_references(self, rows: list[dict]) -> int:
        """Creates the reference data the user chose to create, and puts it in the rows."""
        created: dict[tuple[str, str], object] = {}
        for row in rows:
            for key, reference in self.references.items():
                objects = []
                for item in row.get(key, []):
                    if isinstance(item, str):
                        if (key, item.casefold()) not in created:
                            created[key, item.casefold()] = reference.create(item)
                        item = created[key, item.casefold()]
                    objects.append(item)
                row[key] = objects
        return len(created)

    def save_rows(self, rows: list[dict], *, user) -> list:
        raise NotImplementedError
