"""What the engine answers: per child and month the fee with its reasons, and the difference of two answers."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from .month import Month

ZERO = Decimal("0.00")


class MonthlyFee(NamedTuple):
    month: Month
    amount: Decimal  # euros, two decimals
    bracket: int  # table row, counted from 1
    age_group: str | None  # None for OGS
    hours_tier: int | None  # None for OGS
    reasons: tuple[str, ...]  # plain German, most important first
    statute_id: str


class ChildAssessment(NamedTuple):
    id: str
    months: tuple[MonthlyFee, ...]

    @property
    def total(self) -> Decimal:
        return sum((fee.amount for fee in self.months), ZERO)


class HouseholdAssessment(NamedTuple):
    children: tuple[ChildAssessment, ...]

    @property
    def total(self) -> Decimal:
        return sum((child.total for child in self.children), ZERO)

    def child(self, child_id: str) -> ChildAssessment:
        return next(child for child in self.children if child.id == child_id)


class MonthDifference(NamedTuple):
    month: Month
    old: Decimal
    new: Decimal

    @property
    def difference(self) -> Decimal:
        """Positive: the household pays more (back payment); negative: it gets money back."""
        return self.new - self.old


@dataclass(frozen=True)
class Recalculation:
    months: tuple[MonthDifference, ...]

    @property
    def old_total(self) -> Decimal:
        return sum((month.old for month in self.months), ZERO)

    @property
    def new_total(self) -> Decimal:
        return sum((month.new for month in self.months), ZERO)

    @property
    def balance(self) -> Decimal:
        """New minus old: positive is a back payment (Nachforderung), negative a refund (Erstattung)."""
        return self.new_total - self.old_total

    @property
    def back_payment(self) -> Decimal:
        return max(self.balance, ZERO)

    @property
    def refund(self) -> Decimal:
        return max(-self.balance, ZERO)


def recalculate(old: ChildAssessment, new: ChildAssessment) -> Recalculation:
    """Compare two assessments of the same child month by month; a month missing on one side counts 0 €."""
    before = {fee.month: fee.amount for fee in old.months}
    after = {fee.month: fee.amount for fee in new.months}
    months = sorted(before.keys() | after.keys())
    return Recalculation(tuple(MonthDifference(m, before.get(m, ZERO), after.get(m, ZERO)) for m in months))
