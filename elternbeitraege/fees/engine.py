"""Assess a household month by month under the statutes in force.

For every child and month of its contract: the statute in force for its care kind, the table cell
(income bracket of the month's calendar year × age group × hour tier), then the exemptions (§ 50
KiBiz, benefit months), the OGS cap, and last the statute's sibling rule across the household.

A child's months are cut into spans in which nothing changes (statute, calendar year, age group,
fee-free years, benefit months); each span is worked out once and shared by its months.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from typing import NamedTuple

from . import reasons
from .checks import household_problems
from .household import ChildCare, Household, HouseholdError, Problem
from .month import Month
from .plan import ChildPlan, IncomeRows, contract_ordinals, fee_free_months
from .result import ChildAssessment, HouseholdAssessment, MonthlyFee
from .statute import HIGHEST_ONLY, Statute

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
ONE = Decimal(1)
NO_MONTHS: frozenset[int] = frozenset()


@dataclass(frozen=True)
class StatuteBook:
    """The statutes an office applies, each from a date on; a month takes the newest one covering its care kind."""

    entries: tuple[tuple[date, Statute], ...]
    _spans: dict[tuple[str, int, int], tuple[tuple[int, int, Statute | None], ...]] = field(
        default_factory=dict, compare=False, repr=False)

    @classmethod
    def single(cls, statute: Statute) -> StatuteBook:
        return cls(((statute.valid_from, statute),))

    @classmethod
    def of(cls, statutes: Sequence[Statute]) -> StatuteBook:
        return cls(tuple((statute.valid_from, statute) for statute in statutes))

    def spans(self, care: str, start: int, stop: int) -> tuple[tuple[int, int, Statute | None], ...]:
        """Return the months start..stop-1 cut where the statute in force changes: (from, to, statute)."""
        key = (care, start, stop)
        found = self._spans.get(key)
        if found is None:
            if len(self._spans) > 10_000:  # bounded: periods asked about are few, but anyone may ask
                self._spans.clear()
            found = self._spans[key] = self._cut(care, start, stop)
        return found

    def _cut(self, care: str, start: int, stop: int) -> tuple[tuple[int, int, Statute | None], ...]:
        spans: list[tuple[int, int, Statute | None]] = []
        for ordinal in range(start, stop):
            statute = self._find(care, Month.from_ordinal(ordinal))
            if spans and spans[-1][2] is statute:
                spans[-1] = (spans[-1][0], ordinal + 1, statute)
            else:
                spans.append((ordinal, ordinal + 1, statute))
        return tuple(spans)

    def _find(self, care: str, month: Month) -> Statute | None:
        applicable = [(start, statute) for start, statute in self.entries
                      if care in statute.care_kinds and Month.of(start) <= month and statute.covers(month)]
        return max(applicable, key=lambda entry: entry[0])[1] if applicable else None


_SINGLE_BOOKS: dict[int, StatuteBook] = {}


def book_of(statutes: StatuteBook | Statute) -> StatuteBook:
    """Return the book itself, or a (reused) book of one statute."""
    if isinstance(statutes, StatuteBook):
        return statutes
    book = _SINGLE_BOOKS.get(id(statutes))
    if book is None or book.entries[0][1] is not statutes:
        if len(_SINGLE_BOOKS) > 100:  # bounded: one per statute object in use
            _SINGLE_BOOKS.clear()
        book = _SINGLE_BOOKS[id(statutes)] = StatuteBook.single(statutes)
    return book


class SpanFee(NamedTuple):
    """What the months of one span share: a ``MonthlyFee`` without its month (the same fields, in its order)."""

    amount: Decimal
    bracket: int
    age_group: str | None
    hours_tier: int | None
    reasons: tuple[str, ...]
    statute_id: str


class _Span:
    """A child's fee in a run of months that share everything but the month; the sibling rule may copy it."""

    __slots__ = ("statute", "fee", "free", "position", "birth_date", "care")

    def __init__(self, statute: Statute, fee: SpanFee, free: bool, position: int, child: ChildCare) -> None:
        self.statute, self.fee, self.free = statute, fee, free
        self.position, self.birth_date, self.care = position, child.birth_date, child.care

    def reduced(self, amount: Decimal, reason: str) -> _Span:
        span = _Span.__new__(_Span)
        span.statute, span.free, span.position = self.statute, self.free, self.position
        span.birth_date, span.care = self.birth_date, self.care
        span.fee = self.fee._replace(amount=amount, reasons=(reason, *self.fee.reasons))
        return span


def assess_household(book: StatuteBook | Statute, household: Household, first: Month,
                     last: Month) -> HouseholdAssessment:
    """Assess every child in every month of ``first``..``last`` within its contract; raise HouseholdError."""
    book = book_of(book)
    problems = household_problems(book, household, first, last)
    if problems:
        raise HouseholdError(problems)
    income = IncomeRows(household.income)
    benefit_months = _benefit_months(household)
    children = [_child_spans(book, child, position, income, benefit_months, first, last)
                for position, child in enumerate(household.children)]
    if len(children) > 1:
        children = _apply_sibling_rules(children)
    return HouseholdAssessment(tuple(
        ChildAssessment(child.id, _fees(spans)) for child, spans in zip(household.children, children, strict=True)
    ))


def check_household(book: StatuteBook | Statute, household: Household, first: Month, last: Month) -> list[Problem]:
    """Return every reason the household cannot be assessed in these months (empty when it can)."""
    return household_problems(book_of(book), household, first, last)


def _benefit_months(household: Household) -> frozenset[int]:
    if not household.benefits:
        return NO_MONTHS
    return frozenset(ordinal for period in household.benefits
                     for ordinal in range(period.first.ordinal, period.last.ordinal + 1))


def _child_spans(book: StatuteBook, child: ChildCare, position: int, income: IncomeRows,
                 benefit_months: frozenset[int], first: Month, last: Month) -> list[tuple[int, int, _Span]]:
    """Return (from, to, span) covering the child's contract months in the period, in order."""
    contract = contract_ordinals(child, first, last)
    free = fee_free_months(child)
    spans: list[tuple[int, int, _Span]] = []
    for start, stop, statute in book.spans(child.care, contract.start, contract.stop):
        assert statute is not None, "household_problems refuses months without a statute"
        plan = ChildPlan(statute, child)
        for begin, end in pairwise(_cuts(plan, free, benefit_months, start, stop, income.same_every_year)):
            spans.append((begin, end, _span_at(plan, child, position, income, begin in benefit_months, free, begin)))
    return spans


def _cuts(plan: ChildPlan, free: tuple[int, int], benefit_months: frozenset[int], start: int, stop: int,
          same_every_year: bool) -> list[int]:
    """Return the months from which something may change: new year, age group, fee-free years, benefits."""
    cuts = {start, stop, *free, *(starts for starts, _group in plan.moves)}
    if not same_every_year:  # the income of each calendar year
        cuts.update(range(start + (12 - start % 12) % 12, stop, 12))
    if plan.ogs:  # the OGS cap of each school year
        cuts.update(range(start + (19 - start % 12) % 12, stop, 12))
    if benefit_months:
        cuts.update(ordinal for ordinal in benefit_months if ordinal - 1 not in benefit_months)
        cuts.update(ordinal + 1 for ordinal in benefit_months if ordinal + 1 not in benefit_months)
    return sorted(cut for cut in cuts if start <= cut <= stop)


def _span_at(plan: ChildPlan, child: ChildCare, position: int, income: IncomeRows, benefit: bool,
             free: tuple[int, int], ordinal: int) -> _Span:
    row, income_reason = income.row(plan.table, ordinal // 12)
    group = plan.group_at(ordinal)
    free_from, free_until = free
    if free_from <= ordinal < free_until or benefit:
        why = reasons.FEE_FREE if free_from <= ordinal < free_until else reasons.BENEFIT
        return _Span(plan.statute, SpanFee(ZERO, row, group, plan.tier, (why,), plan.statute.id), True, position, child)
    amount, cell = plan.charge(row, group, ordinal)
    fee = SpanFee(amount, row, group, plan.tier, (income_reason, *cell), plan.statute.id)
    return _Span(plan.statute, fee, False, position, child)


def _apply_sibling_rules(children: list[list[tuple[int, int, _Span]]]) -> list[list[tuple[int, int, _Span]]]:
    """Apply each statute's sibling rule to the children charged under it in the same months."""
    cuts = sorted({cut for spans in children for begin, end, _span in spans for cut in (begin, end)})
    pointers = [0] * len(children)
    result: list[list[tuple[int, int, _Span]]] = [[] for _ in children]
    for begin, end in pairwise(cuts):
        current = []
        for index, spans in enumerate(children):
            while pointers[index] < len(spans) and spans[pointers[index]][1] <= begin:
                pointers[index] += 1
            if pointers[index] < len(spans) and spans[pointers[index]][0] <= begin:
                current.append((index, spans[pointers[index]][2]))
        for index, span in _share_out_all(current):
            result[index].append((begin, end, span))
    return result


def _share_out_all(current: list[tuple[int, _Span]]) -> list[tuple[int, _Span]]:
    """Return the spans of one run of months after each statute's sibling rule."""
    groups: dict[str, list[tuple[int, _Span]]] = defaultdict(list)
    for index, span in current:
        rule = span.statute.siblings
        if rule is not None and not span.free and span.care in rule.care_kinds:
            groups[span.statute.id].append((index, span))
    changed = {}
    for siblings in groups.values():
        if len(siblings) > 1:
            changed.update(_share_out(siblings))
    return [(index, changed.get(index, span)) for index, span in current]


def _share_out(siblings: list[tuple[int, _Span]]) -> dict[int, _Span]:
    """Order the siblings by fee (highest first; ties: older first, then as listed) and reduce the later ones."""
    rule = siblings[0][1].statute.siblings
    if rule is None:  # only siblings under a rule are shared out
        return {}
    ordered = sorted(siblings, key=lambda entry: (-entry[1].fee.amount, entry[1].birth_date, entry[1].position))
    shares = (ONE,) if rule.rule == HIGHEST_ONLY else rule.shares
    reduced = {}
    for place, (index, span) in enumerate(ordered):
        share = shares[place] if place < len(shares) else ZERO
        if share != ONE and span.fee.amount != 0:
            amount = (span.fee.amount * share).quantize(CENT, rounding=ROUND_HALF_UP)
            reduced[index] = span.reduced(amount, reasons.sibling(rule.rule, place + 1, share))
    return reduced


def _fees(spans: list[tuple[int, int, _Span]]) -> tuple[MonthlyFee, ...]:
    """Return one fee per month of the spans."""
    month = Month.from_ordinal
    new = tuple.__new__
    return tuple(new(MonthlyFee, (month(ordinal),) + fee) for begin, end, fee in
                 ((begin, end, span.fee) for begin, end, span in spans) for ordinal in range(begin, end))
