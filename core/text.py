"""Text that every reader of the register's data can hold: XML 1.0 (Excel, Word, the API's clients) allows
tab, line feed and carriage return of the control characters, and no surrogate and neither U+FFFE nor U+FFFF;
DEL is allowed there but shows as nothing useful anywhere. Text pasted from Word or a PDF can carry them."""

import re

UNREADABLE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def stored_unreadable(vendor: str) -> str:
    """Those of them a database can hold, as a pattern that the `regex` lookup reads on it: no surrogate goes
    through either driver, and PostgreSQL holds no NUL (nor can its patterns name one); SQLite does."""
    first = r"\x01" if vendor == "postgresql" else r"\x00"
    return rf"[{first}-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]"


def has_unreadable(text: str) -> bool:
    return UNREADABLE_RE.search(text) is not None


def without_unreadable(text: str) -> str:
    return UNREADABLE_RE.sub("", text)
