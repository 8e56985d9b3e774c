import csv
import io

from rest_framework.renderers import BaseRenderer


class CSVRenderer(BaseRenderer):
    """A list's rows (or the figures' challenges) as CSV, one column per field; lists of values joined by
    "; ". `?format=csv` or `Accept: text/csv`."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        rows = data.get("results", data.get("challenges", [data])) if isinstance(data, dict) else data
        columns = []
        for row in rows:
            columns.extend(key for key in row if key not in columns)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([self.cell(row.get(column)) for column in columns])
        return buffer.getvalue().encode(self.charset)

    @staticmethod
    def cell(value):
        if isinstance(value, list | tuple):
            return "; ".join(str(item) for item in value)
        if isinstance(value, dict):
            return "; ".join(f"{key}={item}" for key, item in value.items())
        return "" if value is None else value
