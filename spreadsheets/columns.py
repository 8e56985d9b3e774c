"""The columns of a sheet: one definition serves the export, the import template and the import.

A column knows its Danish header, how to write a registration's value as a cell (`export`), and how to
turn a cell read from an uploaded sheet back into form data (`parse`, which raises ValidationError
with a Danish message). The registration's own form then validates the row as if typed in the browser.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import cells

# Names in a cell are separated by semicolons (or put on lines of their own); a comma may be part of a
# name ("Projekt Matchning, Center for Afklaring og Beskæftigelse"). The import still reads an older
# comma-separated list when every part is a known name (spreadsheets/importing.py, _RowCheck.resolve).
NAME_SEPARATORS = re.compile(r"[;\n]")


def in_every_language(text) -> set[str]:
    """A header or label as it reads in each of the register's languages, casefolded: a sheet exported or
    filled in by someone reading English imports for someone reading Danish, and the other way round."""
    texts = {str(text).casefold()}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts.add(str(text).casefold())
    return texts


_YES_NO = {True: gettext_lazy("Ja"), False: gettext_lazy("Nej")}
_LABELS: dict[tuple, str] = {}


def _label(label) -> str:
    """A lazy label of the code's (a choice's, Ja/Nej) in the active language, translated once per language:
    an export writes the same few labels on every row. Keyed by the label object's identity (the labels live
    as long as the process; a lazy object's hash would translate it)."""
    if not isinstance(label, Promise):
        return str(label)
    key = (translation.get_language(), id(label))
    if key not in _LABELS:
        _LABELS[key] = str(label)
    return _LABELS[key]


@dataclass
class Column:
    key: str  # the form field (and, unless `attribute` says otherwise, the model attribute)
    header: str
    required: bool = False
    help: str = ""
    example: object = ""
    attribute: str = ""
    kind: str = "text"
    help_format: str = field(default=gettext_lazy("Tekst."), repr=False)

    def value(self, obj):
        return getattr(obj, self.attribute or self.key)

    @property
    def source(self) -> str:
        """What an export reads of a row (`values()`): the model field; a reference's is its key."""
        return self.attribute or self.key

    def export(self, ws, obj):
        """The cell for the object's value (None for an empty cell)."""
        return self.cell(ws, self.value(obj))

    def cell(self, ws, value):
        """The cell for a value as the export reads it (`source`)."""
        return None if value in (None, "") else cells.plain_text(ws, value)

    def parse(self, value):
        if value is None:
            return ""
        if isinstance(value, datetime.datetime | datetime.date):
            return value.strftime("%d.%m.%Y")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value)

    def width(self) -> int:
        return cells.width(len(str(self.header)), minimum=14, maximum=40)


@dataclass
class DecimalColumn(Column):
    kind: str = "decimal"
    help_format: str = field(default=gettext_lazy("Tal med komma eller punktum som decimaltegn."), repr=False)

    def cell(self, ws, value):
        return None if value is None else float(value)

    def parse(self, value):
        if value is None:
            return None
        if isinstance(value, bool):
            raise ValidationError(_("Skriv et tal."))
        if isinstance(value, int | float | Decimal):
            return value
        text = str(value).replace(" ", "").replace(",", ".")
        try:
            return Decimal(text)
        except InvalidOperation as exc:
            raise ValidationError(_("»%(value)s« er ikke et tal.") % {"value": value}) from exc


@dataclass
class DateColumn(Column):
    kind: str = "date"
    help_format: str = field(default=gettext_lazy("Dato, dd.mm.åååå (eller en Excel-dato)."), repr=False)

    def cell(self, ws, value):
        return None if value is None else cells.date_cell(ws, value)

    def parse(self, value):
        if value is None:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, int | float):
            raise ValidationError(_("»%(value)s« er ikke en dato. Skriv datoen som dd.mm.åååå.") % {"value": value})
        text = str(value).strip()
        for pattern in ("%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"):
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise ValidationError(_("»%(value)s« er ikke en dato. Skriv datoen som dd.mm.åååå.") % {"value": value})


@dataclass
class BooleanColumn(Column):
    default: bool = False
    kind: str = "bool"
    help_format: str = field(default=gettext_lazy("»Ja« eller »Nej«."), repr=False)

    YES = ("ja", "j", "x", "1", "true", "yes", "sand")
    NO = ("nej", "n", "0", "false", "no", "falsk")

    def cell(self, ws, value):
        return cells.plain_text(ws, _label(_YES_NO[bool(value)]))

    def parse(self, value):
        if value is None:
            return self.default
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if isinstance(value, int | float):
            text = str(int(value)) if float(value).is_integer() else text
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValidationError(_("Skriv »Ja« eller »Nej«, ikke »%(value)s«.") % {"value": value})


@dataclass
class ChoiceColumn(Column):
    choices: list = field(default_factory=list)
    kind: str = "choice"
    default: str = ""  # the value of an empty cell

    def cell(self, ws, value):
        return None if value in (None, "") else cells.plain_text(ws, _label(self.labels.get(value, value)))

    @cached_property
    def labels(self) -> dict:
        """Each choice's label by its key, lazy: written in the language active when a cell is made."""
        return dict(self.choices)

    @cached_property
    def keys_by_text(self) -> dict[str, object]:
        """Each choice's key by the texts a cell may hold for it (its key, its label in every language),
        casefolded; where two choices share a text, the first has it. Made once per column: looking up
        every label in every language took a third of a second per thousand rows."""
        keys = {}
        for key, label in self.choices:
            for text in (str(key).casefold(), *in_every_language(label)):
                keys.setdefault(text, key)
        return keys

    def parse(self, value):
        if value is None:
            return self.default
        text = str(value).strip().casefold()
        if text in self.keys_by_text:
            return self.keys_by_text[text]
        raise ValidationError(_("Ukendt værdi »%(value)s«. Brug en af: %(choices)s.")
                              % {"value": value, "choices": ", ".join(str(label) for _key, label in self.choices)})

    @property
    def allowed(self) -> str:
        return ", ".join(str(label) for _key, label in self.choices)


def name_of(obj) -> str:
    """How a sheet names a piece of reference data: a user by full name (else user name), others by
    their name, else their text."""
    if hasattr(obj, "get_full_name"):
        return obj.get_full_name() or obj.get_username()
    return str(getattr(obj, "name", obj))


@dataclass
class RefColumn(Column):
    """The name of one piece of reference data (a challenge, an area, a consultant); the importer
    looks it up through the reference named `reference` (default: the column's key)."""

    reference: str = ""
    kind: str = "ref"
    help_format: str = field(default=gettext_lazy("Et navn, som det står i registeret."), repr=False)
    display: object = None  # how the export names the object; default name_of

    def export(self, ws, obj):
        value = self.value(obj)
        return None if value is None else self.cell(ws, self.name(value))

    def name(self, obj) -> str:
        return (self.display or name_of)(obj)

    @property
    def source(self) -> str:
        return f"{self.attribute or self.key}_id"  # an export reads the key, and names it once per object

    def cell(self, ws, value):
        return None if value in (None, "") else cells.plain_text(ws, value)

    def parse(self, value):
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip() or None


@dataclass
class NamesColumn(Column):
    """Names of related reference data (areas, requesters), several separated by semicolons. `parse` returns
    the names; the importer looks them up through the reference named `reference`."""

    reference: str = ""
    kind: str = "names"
    help_format: str = field(default=gettext_lazy("Et eller flere navne adskilt af semikolon."), repr=False)

    def export(self, ws, obj):
        return self.cell(ws, [name_of(item) for item in getattr(obj, self.key).all()])

    def name(self, obj) -> str:
        return name_of(obj)

    @property
    def source(self) -> str:
        return ""  # many to many: an export reads the names apart (spreadsheets.writing.ValueRows)

    def cell(self, ws, value):
        return cells.plain_text(ws, "; ".join(value)) if value else None

    def parse(self, value):
        if value is None:
            return []
        parts = NAME_SEPARATORS.split(str(value))
        names = []
        for part in (part.strip() for part in parts):
            if part and part.casefold() not in {name.casefold() for name in names}:
                names.append(part)
        return names
