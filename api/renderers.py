import csv
import io

from rest_framework.renderers import BaseRenderer, JSONRenderer

from core.text import readable_data

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ReadableJSONRenderer(JSONRenderer):
    """DRF's JSON, its texts without the characters no reader can hold (core/text.py), from rows saved
    before the forms refused them."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return super().render(readable_data(data), accepted_media_type, renderer_context)


class CSVRenderer(BaseRenderer):
    """A list's rows (or the figures' challenges) as CSV, one column per field; lists of values joined by
    "; ". `?format=csv` or `Accept: text/csv`. UTF-8 with a byte order mark, so Excel reads æ, ø and å; a text
    that a spreadsheet would take for a formula (=, +, -, @) gets a ' in front (OWASP's CSV injection)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        data = readable_data(data)
        rows = data.get("results", data.get("challenges", [data])) if isinstance(data, dict) else data
        columns = []
        for row in rows:
            columns.extend(key for key in row if key not in columns)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([self.cell(row.get(column)) for column in columns])
        return ("\ufeff" + buffer.getvalue()).encode(self.charset)

    @staticmethod
    def cell(value):
        if isinstance(value, list | tuple):
            value = "; ".join(str(item) for item in value)
        elif isinstance(value, dict):
            value = "; ".join(f"{key}={item}" for key, item in value.items())
        if value is None:
            return ""
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            return "'" + value
        return value
