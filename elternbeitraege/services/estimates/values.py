"""Read single JSON values strictly (no coercion) and collect one German problem per bad field."""
from __future__ import annotations

import math
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ...fees import Month, Problem

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("100000000")
FIRST_YEAR, LAST_YEAR = 1990, 2100
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")
_AMOUNT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_MAX_KEY_SHOWN = 40


class Problems:
    """The problems found so far, in the order of the request."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, field: str, message: str) -> None:
        """Note one problem of one field."""
        self.items.append(Problem(field, message))

    def __bool__(self) -> bool:
        return bool(self.items)


def at(path: str, key: str | int) -> str:
    """Return the path of a key or list index below ``path``: ``children[0].hours``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def shown(key: str) -> str:
    """Return a key as it may be repeated in a message: shortened, control characters replaced."""
    text = "".join(char if char.isprintable() else "?" for char in key[:_MAX_KEY_SHOWN])
    return text + ("…" if len(key) > _MAX_KEY_SHOWN else "")


def fields(value: object, path: str, allowed: tuple[str, ...], problems: Problems, what: str) -> dict | None:
    """Check that a value is an object without keys beyond ``allowed``; return it, or None if it is no object."""
    if not isinstance(value, dict):
        problems.add(path, f"{what} müssen ein JSON-Objekt sein.")
        return None
    for key in value:
        if key not in allowed:
            problems.add(at(path, shown(key)), f"Unbekanntes Feld „{shown(key)}“.")
    return value


def is_integer(value: object) -> bool:
    """Tell whether a JSON value is a whole number (``true`` and ``35.0`` are not)."""
    return isinstance(value, int) and not isinstance(value, bool)


def integer(value: object, low: int, high: int) -> int | None:
    """Return a whole number within ``low``..``high``, else None."""
    return value if is_integer(value) and low <= value <= high else None  # type: ignore[return-value]


def iso_date(value: object) -> date | None:
    """Return a date written ``YYYY-MM-DD`` in the years the app knows, else None."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else None


def month(value: object) -> Month | None:
    """Return a month written ``YYYY-MM`` in the years the app knows, else None."""
    if not isinstance(value, str) or not _MONTH.fullmatch(value):
        return None
    year, number = int(value[:4]), int(value[5:])
    return Month(year, number) if FIRST_YEAR <= year <= LAST_YEAR and 1 <= number <= 12 else None


def amount(value: object, path: str, label: str, problems: Problems, negative: bool = False) -> Decimal | None:
    """Return euros from a decimal string or a JSON number, to the cent; note a problem and return None else."""
    number = _decimal(value)
    if number is None:
        problems.add(path, f"{label} muss ein Betrag in Euro sein, z. B. „52000.00“.")
    elif number.adjusted() > MAX_AMOUNT.adjusted() or abs(number) > MAX_AMOUNT:  # the exponent first: no overflow
        problems.add(path, f"{label} ist unplausibel hoch (mehr als 100.000.000 €).")
    elif number != number.quantize(CENT):
        problems.add(path, f"{label} darf höchstens zwei Nachkommastellen haben.")
    elif number < 0 and not negative:
        problems.add(path, f"{label} darf nicht negativ sein.")
    else:
        return number.quantize(CENT, ROUND_HALF_UP) + 0  # + 0 turns -0.00 into 0.00
    return None


def _decimal(value: object) -> Decimal | None:
    """Return the exact decimal of a string, integer or finite number; None for anything else."""
    if isinstance(value, str):
        return Decimal(value) if len(value) <= 32 and _AMOUNT.fullmatch(value) else None
    if is_integer(value):
        return Decimal(value)  # type: ignore[arg-type]
    if isinstance(value, float):
        return Decimal(str(value)) if math.isfinite(value) else None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    return None

