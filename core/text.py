"""Text that every reader of the register's data can hold: XML 1.0 (Excel, Word, the API's clients) allows
tab, line feed and carriage return of the control characters, and no surrogate and neither U+FFFE nor U+FFFF;
DEL is allowed there but shows as nothing useful anywhere, and Unicode's other non-characters (U+FDD0 to
U+FDEF, the last two code points of every plane) are meant for no text that leaves a program. Text pasted
from Word or a PDF can carry them."""

import re

from django.utils.text import slugify

# The non-characters past the first plane: U+1FFFE, U+1FFFF, ... U+10FFFE, U+10FFFF.
_PLANES = "".join(f"\\U{plane:04X}FFFE\\U{plane:04X}FFFF" for plane in range(1, 17))
_STORABLE = rf"\x0b\x0c\x0e-\x1f\x7f\ufdd0-\ufdef\ufffe\uffff{_PLANES}"
UNREADABLE_RE = re.compile(rf"[\x00-\x08\ud800-\udfff{_STORABLE}]")


def stored_unreadable(vendor: str) -> str:
    """Those of them a database can hold, as a pattern that the `regex` lookup reads on it: no surrogate goes
    through either driver, and PostgreSQL holds no NUL (nor can its patterns name one); SQLite does."""
    first = r"\x01" if vendor == "postgresql" else r"\x00"
    return rf"[{first}-\x08{_STORABLE}]"


def has_unreadable(text: str) -> bool:
    return UNREADABLE_RE.search(text) is not None


def without_unreadable(text: str) -> str:
    return UNREADABLE_RE.sub("", text)


def readable_data(value):
    """`value` (dictionaries, lists and texts, as for JSON) with every text read through without_unreadable:
    for the JSON and GeoJSON the register writes, from rows saved before the forms refused such text."""
    if isinstance(value, str):
        return without_unreadable(value)
    if isinstance(value, dict):
        return {key: readable_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [readable_data(item) for item in value]
    return value


# Danish letters as they are written where only ASCII goes (a file's name): "Mjølnerparken" -> "mjoelnerparken".
_ASCII_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def file_name_part(text: str) -> str:
    """A name as part of a download's file name: lower case ASCII, words joined by hyphens."""
    return slugify(str(text).translate(_ASCII_LETTERS)) or "uden-navn"
