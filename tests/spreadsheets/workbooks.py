"""Workbooks made by the tests themselves: good ones in the template's shape, and bad ones."""

import io
import re
import zipfile

from openpyxl import Workbook

from atlas.kinds import ACTOR

HEADERS = [str(column.header) for column in ACTOR.columns]


def xlsx(rows, *, headers=None, title="Aktører") -> bytes:
    """A workbook with one sheet: the headers, then the rows (lists of cell values)."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(HEADERS if headers is None else headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def actor_row(name="Sjakket", kind="Projekt", areas="Mjølnerparken", **values) -> list:
    """A row in the template's column order, by column key."""
    row = {"name": name, "kind": kind, "areas": areas, **values}
    return [row.get(column.key) for column in ACTOR.columns]


def rewrite(data: bytes, member: str, change) -> bytes:
    """The workbook with one member's text changed by `change(text) -> text`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == member:
                content = change(content.decode()).encode()
            target.writestr(info.filename, content)
    return buffer.getvalue()


def with_member(data: bytes, name: str, content: bytes, compress=zipfile.ZIP_DEFLATED) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        target.writestr(name, content, compress_type=compress)
    return buffer.getvalue()


def set_dimension(data: bytes, ref: str) -> bytes:
    """The sheet declaring a size of its own choosing."""
    return rewrite(data, "xl/worksheets/sheet1.xml",
                   lambda text: re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>', text))


def lying_sizes(data: bytes, member: str, declared: int) -> bytes:
    """The zip declaring `declared` bytes as the member's unpacked size in its central directory."""
    archive = bytearray(data)
    name = member.encode()
    position = archive.find(b"PK\x01\x02" + b"")
    while position != -1:
        name_length = int.from_bytes(archive[position + 28:position + 30], "little")
        if bytes(archive[position + 46:position + 46 + name_length]) == name:
            archive[position + 24:position + 28] = declared.to_bytes(4, "little")
            return bytes(archive)
        position = archive.find(b"PK\x01\x02", position + 4)
    raise AssertionError(f"{member} not in the zip")


def sheet_of(columns, rows: list[dict], *, title: str) -> bytes:
    """A workbook in a template's shape: its headers, then one row per dict of values by column key."""
    return xlsx([[row.get(column.key) for column in columns] for row in rows],
                headers=[str(column.header) for column in columns], title=title)
