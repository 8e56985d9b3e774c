"""Exceptions of the register's own that cross its layers."""

from django.core.exceptions import ValidationError


class RowRejected(Exception):
    """Row `index` (counted from 0) of a write of many rows at once broke a rule: `error`, a
    ValidationError. Nothing was written. Raised by the services that register many rows (the Excel
    import's), so that the import can say which row it was."""

    def __init__(self, index: int, error: ValidationError):
        super().__init__(f"row {index}: {error}")
        self.index, self.error = index, error
