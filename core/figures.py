"""Arithmetic every page of figures shares."""

from decimal import ROUND_HALF_UP, Decimal


def change_percent(current: int | None, previous: int | None) -> int | None:
    """Whole-percent change from the previous figure (halves rounded away from zero, as Excel does),
    or None where there is nothing to compare."""
    if current is None or not previous:
        return None
    change = Decimal(current - previous) * 100 / Decimal(previous)
    return int(change.quantize(Decimal(1), rounding=ROUND_HALF_UP))
