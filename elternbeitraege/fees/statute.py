"""Fee statutes as values: a table of income brackets and the rules that pick a cell.

Statutes are read from files by :mod:`.statute_file`; this module only holds them and looks things up.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .month import Month

CARE_KINDS = ("kita", "childminder", "ogs")
OGS_COLUMN = "ogs"
EXACT = "exact"  # only the statute's tiers may be booked (Kita)
NEXT_TIER_UP = "next_tier_up"  # booked hours are charged at the lowest tier at or above them
HOUR_MAPPINGS = (EXACT, NEXT_TIER_UP)
MONTH_AFTER_BIRTHDAY = "month_after_birthday"  # moves up in the month after the birthday month
KITA_YEAR_AFTER_BIRTHDAY = "kita_year_after_birthday"  # moves up on 1 August after the birthday's Kita year
MOVE_UP_RULES = (MONTH_AFTER_BIRTHDAY, KITA_YEAR_AFTER_BIRTHDAY)
HIGHEST_ONLY = "highest_only"  # only the child with the highest fee pays
GRADUATED = "graduated"  # ordered by fee: shares[0] of the first, shares[1] of the second …, then nothing
SIBLING_RULES = (HIGHEST_ONLY, GRADUATED)


class StatuteError(ValueError):
    """A statute that cannot be used; the message names the file, the place and the problem."""


@dataclass(frozen=True)
class AgeGroup:
    id: str
    label: str
    until_age: int | None  # the group ends with this birthday; None for the oldest group


@dataclass(frozen=True)
class Bracket:
    number: int  # table row, counted from 1
    up_to: Decimal | None  # inclusive upper bound of the annual income; None for "above"
    amounts: dict[str, Decimal]  # column ("u2_35h", "ogs") → monthly euros

    def describe(self, previous: Bracket | None) -> str:
        """Return the row in words, e.g. ``Einkommen über 50.000 € bis 55.000 €``."""
        if self.up_to is None:
            return f"Einkommen über {format_euro(previous.up_to)}" if previous else "jedes Einkommen"
        if previous is None:
            return f"Einkommen bis {format_euro(self.up_to)}"
        return f"Einkommen über {format_euro(previous.up_to)} bis {format_euro(self.up_to)}"


@dataclass(frozen=True)
class SiblingRule:
    rule: str  # HIGHEST_ONLY or GRADUATED
    care_kinds: tuple[str, ...]  # children in these care kinds under this statute count as siblings
    shares: tuple[Decimal, ...] = ()  # GRADUATED only: 1, 0.5 → first pays all, second half, further nothing


@dataclass(frozen=True)
class OgsCap:
    school_year: int  # the year the school year starts in: 2024 for 2024/25
    amount: Decimal


@dataclass(frozen=True)
class IncomeRules:
    employee_lump_sum: Decimal = Decimal("1230.00")  # Arbeitnehmer-Pauschbetrag per parent and year
    parental_allowance_free: Decimal = Decimal("300.00")  # Elterngeld counts only above this a month
    parental_allowance_plus_free: Decimal = Decimal("150.00")  # … and ElterngeldPlus above this


@dataclass(frozen=True)
class Statute:
    id: str
    title: str
    office: str  # the youth office whose statute it is
    source: str
    adopted: date | None
    valid_from: date
    valid_until: date | None  # None: until replaced
    care_kinds: tuple[str, ...]
    hour_tiers: tuple[int, ...]  # empty for an OGS-only statute
    hour_mappings: dict[str, str]  # care kind → EXACT or NEXT_TIER_UP (not for OGS)
    age_groups: tuple[AgeGroup, ...]  # empty for an OGS-only statute
    move_up: str | None  # one of MOVE_UP_RULES; None without age groups
    brackets: tuple[Bracket, ...]
    siblings: SiblingRule | None = None
    ogs_caps: tuple[OgsCap, ...] = ()
    income: IncomeRules = field(default_factory=IncomeRules)

    def bracket_for(self, income: Decimal | None) -> Bracket:
        """Return the first row whose bound is at or above the income; no income → last row."""
        if income is None:
            return self.brackets[-1]
        for bracket in self.brackets:
            if bracket.up_to is None or income <= bracket.up_to:
                return bracket
        return self.brackets[-1]

    def bracket_label(self, bracket: Bracket) -> str:
        """Return the row of the table in words."""
        previous = self.brackets[bracket.number - 2] if bracket.number > 1 else None
        return bracket.describe(previous)

    def age_group(self, group_id: str) -> AgeGroup:
        return next(group for group in self.age_groups if group.id == group_id)

    def covers(self, month: Month) -> bool:
        """Tell whether the statute is in force in a month."""
        if month < Month.of(self.valid_from):
            return False
        return self.valid_until is None or month <= Month.of(self.valid_until)

    def ogs_cap(self, school_year: int) -> Decimal | None:
        """Return the OGS cap of a school year: the one listed for it, else the latest listed before it."""
        earlier = [cap for cap in self.ogs_caps if cap.school_year <= school_year]
        return max(earlier, key=lambda cap: cap.school_year).amount if earlier else None


def format_euro(amount: Decimal | None) -> str:
    """Format whole or cent euros the German way: ``55.000 €``, ``1.234,50 €``."""
    if amount is None:
        return ""
    text = f"{amount:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return (text[:-3] if text.endswith(",00") else text) + " €"
