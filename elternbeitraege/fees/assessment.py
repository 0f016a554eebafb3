"""Assess the monthly fee of one child's care contract under a statute, month by month."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .month import Month
from .statute import Statute, StatuteError

CENT = Decimal("0.01")
FEE_FREE_REASON = "beitragsfrei nach § 50 KiBiz (beitragsfreie Jahre vor der Einschulung)"
BENEFIT_REASON = "beitragsfrei nach § 90 Abs. 4 SGB VIII (Bezug einer Sozialleistung)"
NO_DECLARATION_REASON = "Höchstbeitrag: keine Einkommenserklärung"
ACCEPTED_HIGHEST_REASON = "Höchstbeitrag: Zustimmung zum Höchstbeitrag"


@dataclass(frozen=True)
class Care:
    """The care contract of one child, as the facility reported it."""

    birth_date: date
    care_kind: str  # kita, childminder, ogs
    weekly_hours: int | None
    start: date
    end: date | None = None


@dataclass(frozen=True)
class Income:
    """What the household declared: an annual income, a benefit, or nothing."""

    annual: Decimal | None = None
    benefit: bool = False
    accepted_highest: bool = False


@dataclass(frozen=True)
class MonthlyFee:
    month: Month
    amount: Decimal
    bracket: int
    age_group: str
    hours_tier: int | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Assessment:
    statute_id: str
    months: tuple[MonthlyFee, ...]

    @property
    def total(self) -> Decimal:
        return sum((fee.amount for fee in self.months), Decimal("0.00"))


def assess(statute: Statute, care: Care, income: Income, last: Month | None = None) -> Assessment:
    """Return the fee for every month of the contract up to ``last`` (default: end of the Kita year)."""
    if care.care_kind not in statute.care_kinds:
        raise StatuteError(f"{statute.id}: Betreuungsart {care.care_kind} ist nicht geregelt")
    first = Month.of(care.start)
    final = last or first.kita_year_end
    if care.end is not None:
        final = min(final, Month.of(care.end))
    tier = hours_tier(statute, care)
    bracket = statute.bracket_for(None if income.benefit else income.annual)
    months = tuple(
        _assess_month(statute, care, income, month, tier, bracket.number) for month in first.until(final)
    )
    return Assessment(statute.id, months)


def hours_tier(statute: Statute, care: Care) -> int | None:
    """Map the booked weekly hours to the statute's tier (Kita: exact; childminder: next tier up)."""
    if care.weekly_hours is None:
        return None
    if care.care_kind == "kita":
        if care.weekly_hours not in statute.hour_tiers:
            raise StatuteError(f"{statute.id}: Kita-Plätze gibt es nur mit {statute.hour_tiers} Stunden")
        return care.weekly_hours
    return next((tier for tier in statute.hour_tiers if care.weekly_hours <= tier), statute.hour_tiers[-1])


def age_group_in(statute: Statute, birth_date: date, month: Month) -> str:
    """Return the age group of a child in a month: it moves up in the month after the birthday."""
    for group in statute.age_groups:
        if group.until_age is None:
            return group.id
        birthday = Month(birth_date.year + group.until_age, birth_date.month)
        if month <= birthday:
            return group.id
    return statute.age_groups[-1].id


def fee_free_from(birth_date: date) -> Month:
    """Return the first fee-free month under § 50 KiBiz (the 30 September rule)."""
    fourth = birth_date.year + 4
    turns_four_in_time = (birth_date.month, birth_date.day) <= (9, 30)
    return Month(fourth if turns_four_in_time else fourth + 1, 8)


def _assess_month(
    statute: Statute, care: Care, income: Income, month: Month, tier: int | None, number: int
) -> MonthlyFee:
    group = age_group_in(statute, care.birth_date, month)
    bracket = statute.brackets[number - 1]
    if care.care_kind != "ogs" and month >= fee_free_from(care.birth_date):
        return MonthlyFee(month, Decimal("0.00"), number, group, tier, (FEE_FREE_REASON,))
    if income.benefit:
        return MonthlyFee(month, Decimal("0.00"), number, group, tier, (BENEFIT_REASON,))
    column = f"{group}_{tier}h" if tier is not None else care.care_kind
    amount = bracket.amounts[column].quantize(CENT, rounding=ROUND_HALF_UP)
    return MonthlyFee(month, amount, number, group, tier, (_table_reason(statute, income, number, group, tier),))


def _table_reason(statute: Statute, income: Income, number: int, group: str, tier: int | None) -> str:
    cell = f"Altersgruppe „{statute.age_group(group).label}“, {tier} Wochenstunden"
    if income.annual is None:
        head = ACCEPTED_HIGHEST_REASON if income.accepted_highest else NO_DECLARATION_REASON
        return f"{head} (Einkommensgruppe {number}); {cell}"
    label = statute.bracket_label(statute.brackets[number - 1])
    return f"Einkommensgruppe {number} ({label}); {cell}"
