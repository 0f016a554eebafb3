"""The reasons of a month's fee in plain German, as the notice and the estimate print them."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from .month import school_year_label
from .statute import HIGHEST_ONLY, format_euro

FEE_FREE = "beitragsfrei nach § 50 KiBiz (beitragsfreie Jahre vor der Einschulung)"
BENEFIT = "beitragsfrei nach § 90 Abs. 4 SGB VIII (Bezug einer Sozialleistung)"
NO_DECLARATION = "Höchstbeitrag: keine Einkommenserklärung"
ACCEPTED_HIGHEST = "Höchstbeitrag: Zustimmung zum Höchstbeitrag"
HIGHEST_ONLY_SIBLING = "Geschwisterkind: nur der höchste Beitrag wird erhoben"
OGS = "Offene Ganztagsschule (OGS)"


@lru_cache(maxsize=4096)
def declared(row: int, row_label: str, year: int | None, income: Decimal) -> str:
    """Return the reason of a table row chosen by the declared income (of a year, if it differs by year)."""
    of_year = f"Einkommen {year}" if year else "Jahreseinkommen"
    return f"Einkommensgruppe {row}: {row_label} (maßgebliches {of_year}: {format_euro(income)})"


@lru_cache(maxsize=256)
def highest(head: str, row: int) -> str:
    """Return the reason of the top row without a declared income."""
    return f"{head} (Einkommensgruppe {row})"


@lru_cache(maxsize=1024)
def cell(group_label: str, tier: int, hours: int | None) -> str:
    """Return the reason of the table column: age group and hour tier (and the booked hours if they differ)."""
    if hours is None or hours == tier:
        return f"Altersgruppe „{group_label}“, {tier} Wochenstunden"
    return f"Altersgruppe „{group_label}“, {hours} gebuchte Wochenstunden, berechnet nach der Stufe {tier} Stunden"


@lru_cache(maxsize=256)
def capped(school_year: int, cap: Decimal, table_amount: Decimal) -> str:
    """Return the reason of an OGS fee lowered to the cap of its school year."""
    return (f"OGS-Deckel im Schuljahr {school_year_label(school_year)}: höchstens {format_euro(cap)} "
            f"statt {format_euro(table_amount)} laut Tabelle")


@lru_cache(maxsize=64)
def sibling(rule: str, place: int, share: Decimal) -> str:
    """Return the reason of a fee lowered by the sibling rule (``place``: 2 for the second child …)."""
    if rule == HIGHEST_ONLY:
        return HIGHEST_ONLY_SIBLING
    if share == 0:
        return f"Geschwisterkind: beitragsfrei als {place}. Kind"
    percent = (share * 100).normalize()
    return f"Geschwisterkind: {percent:f} % des Beitrags als {place}. Kind"
