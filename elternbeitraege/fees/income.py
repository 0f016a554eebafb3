"""The household's relevant income of a calendar year, from single incomes per parent and kind.

Only positive totals count, per parent and kind: a loss is set off neither against another kind nor
against the other parent's income. Employment counts after work-related expenses (at least the
employee lump sum, § 9a EStG), parental allowance only above the free amount a month, child benefit never.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from .household import INCOME_KINDS, IncomeItem, Problem
from .statute import IncomeRules

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
NEVER_COUNTED = ("child_benefit",)
MAY_BE_NEGATIVE = ("self_employment", "rental", "capital", "other")


def relevant_income(items: Iterable[IncomeItem], year: int, rules: IncomeRules) -> Decimal:
    """Return the relevant annual income of the household in ``year``."""
    totals: dict[tuple[int, str], Decimal] = defaultdict(lambda: ZERO)
    expenses: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for item in items:
        if item.year != year or item.kind in NEVER_COUNTED:
            continue
        totals[item.person, item.kind] += counted_amount(item, rules)
        if item.kind == "employment":
            expenses[item.person] += item.expenses or ZERO
    for person, declared in expenses.items():
        totals[person, "employment"] -= max(declared, rules.employee_lump_sum)
    positive = sum((total for total in totals.values() if total > 0), ZERO)
    return positive.quantize(CENT, rounding=ROUND_HALF_UP)


def counted_amount(item: IncomeItem, rules: IncomeRules) -> Decimal:
    """Return the annual amount of one item before expenses; parental allowance above its free amount only."""
    if item.kind == "parental_allowance":
        free = rules.parental_allowance_plus_free if item.plus else rules.parental_allowance_free
        monthly = item.monthly if item.monthly is not None else (item.amount or ZERO) / (item.months or 12)
        return max(monthly - free, ZERO) * (item.months or 12)
    if item.monthly is not None:
        return item.monthly * (item.months or 12)
    return item.amount or ZERO


def item_problems(items: tuple[IncomeItem, ...], field: str = "income.items") -> list[Problem]:
    """Return what is wrong with single incomes, one problem per item and field."""
    problems: list[Problem] = []
    for index, item in enumerate(items):
        place = f"{field}[{index}]"
        problems.extend(_item_problems(item, place))
    return problems


def _item_problems(item: IncomeItem, place: str) -> list[Problem]:
    problems = []
    if item.person not in (1, 2):
        problems.append(Problem(f"{place}.person", "Person muss 1 oder 2 sein (erster oder zweiter Elternteil)."))
    if item.kind not in INCOME_KINDS:
        problems.append(Problem(f"{place}.kind", f"Unbekannte Einkommensart „{item.kind}“."))
    if (item.amount is None) == (item.monthly is None):
        problems.append(Problem(f"{place}.amount",
                                "Bitte entweder einen Jahresbetrag oder einen Monatsbetrag angeben."))
    if item.months is not None and not 1 <= item.months <= 12:
        problems.append(Problem(f"{place}.months", "Die Zahl der Monate muss zwischen 1 und 12 liegen."))
    if item.kind == "parental_allowance" and item.months is None:
        problems.append(Problem(f"{place}.months",
                                "Beim Elterngeld bitte angeben, für wie viele Monate es gezahlt wird."))
    if item.expenses is not None and (item.kind != "employment" or item.expenses < 0):
        problems.append(Problem(f"{place}.expenses", "Werbungskosten gibt es nur bei Arbeitslohn, und nie negativ."))
    negative = any(value is not None and value < 0 for value in (item.amount, item.monthly))
    if negative and item.kind not in MAY_BE_NEGATIVE:
        problems.append(Problem(f"{place}.amount", "Nur Einkünfte aus selbständiger Arbeit, Vermietung, Kapital "
                                                   "oder Sonstigem können negativ (ein Verlust) sein."))
    return problems
