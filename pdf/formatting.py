"""German formatting of money, dates and months, independent of the process locale."""

from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

MONTH_NAMES = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)
CENT = Decimal("0.01")
_BLANK_LINES = re.compile(r"\n\s*\n")
# A number and its unit, and "§" and its number, stay on one line: "85.000 €", "35 Std.", "§ 90".
_UNIT_SPACE = re.compile(r"(?<=\d)\s+(?=€|EUR\b|Euro\b|Std\.|Stunden\b|%)|(?<=§) ")


def money(amount: Decimal) -> str:
    """Format an amount as German euros, e.g. ``1.234,56 €``."""
    if not isinstance(amount, Decimal):
        raise TypeError(f"money needs a Decimal, not {type(amount).__name__}")
    cents = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if cents < 0 else ""
    whole, _, fraction = f"{abs(cents):.2f}".partition(".")
    groups = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{groups},{fraction} €"


def date_de(value: date) -> str:
    """Format a date as ``15.03.2024``."""
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


def month_de(value: date) -> str:
    """Format the month of a date as ``August 2024``."""
    return f"{MONTH_NAMES[value.month - 1]} {value.year}"


def month_end(value: date) -> date:
    """Return the last day of the month of a date."""
    return value.replace(day=calendar.monthrange(value.year, value.month)[1])


def hours_de(hours: int | None) -> str:
    """Format weekly care hours as ``35 Std.``, or a dash when unknown."""
    return "–" if hours is None else f"{hours} Std."


def paragraphs(text: str) -> tuple[tuple[str, ...], ...]:
    """Split free text into paragraphs at blank lines, and each paragraph into its lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = (block.strip() for block in _BLANK_LINES.split(text))
    return tuple(tuple(line.strip() for line in block.split("\n")) for block in blocks if block)


def bind_units(text: str) -> str:
    """Join numbers to their units, and "§" to its number, with no-break spaces."""
    return _UNIT_SPACE.sub("\u00a0", text)
