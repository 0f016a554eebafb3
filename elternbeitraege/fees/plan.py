"""What the engine works out once per statute, per child and per income year, before looping over months."""
from __future__ import annotations

from bisect import bisect_left
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from . import reasons
from .household import (
    AcceptedHighest,
    AnnualIncome,
    ChildCare,
    HouseholdIncome,
    IncomeByYear,
    IncomeItems,
    Undeclared,
)
from .income import relevant_income
from .month import Month
from .statute import EXACT, KITA_YEAR_AFTER_BIRTHDAY, OGS_COLUMN, Statute

CENT = Decimal("0.01")
NEVER = 10**9  # an ordinal later than any month


class Table:
    """A statute's table prepared for fast lookups: sorted bounds, cent amounts per column, row labels."""

    def __init__(self, statute: Statute):
        self.statute = statute
        self.bounds = [bracket.up_to for bracket in statute.brackets if bracket.up_to is not None]
        self.top = len(statute.brackets)
        self.columns = {column: tuple(bracket.amounts[column].quantize(CENT, rounding=ROUND_HALF_UP)
                                      for bracket in statute.brackets)
                        for column in statute.brackets[0].amounts}
        self.labels = tuple(statute.bracket_label(bracket) for bracket in statute.brackets)
        self._cells: dict[tuple[int, ...] | tuple[int, str, int, int | None], tuple[Decimal, tuple[str, ...]]] = {}
        self._moves: dict[date, tuple[tuple[int, str], ...]] = {}
        self._tiers: dict[tuple[str, int | None], int] = {}

    def cell(self, row: int, group: str, tier: int, hours: int | None) -> tuple[Decimal, tuple[str, ...]]:
        """Return the amount of a Kita or childminder cell and its reason (worked out once per cell)."""
        key = (row, group, tier, hours)
        found = self._cells.get(key)
        if found is None:
            amount = self.columns[f"{group}_{tier}h"][row - 1]
            why = reasons.cell(self.statute.age_group(group).label, tier, hours)
            found = self._cells[key] = (amount, (why,))
        return found

    def ogs_cell(self, row: int, school_year: int) -> tuple[Decimal, tuple[str, ...]]:
        """Return the OGS amount of a row in a school year, never above that year's cap, and its reasons."""
        key = (row, school_year)
        found = self._cells.get(key)
        if found is None:
            amount = self.columns[OGS_COLUMN][row - 1]
            cap = self.statute.ogs_cap(school_year)
            if cap is not None and amount > cap:
                found = (cap, (reasons.OGS, reasons.capped(school_year, cap, amount)))
            else:
                found = (amount, (reasons.OGS,))
            self._cells[key] = found
        return found

    def tier(self, care: str, hours: int | None) -> int:
        """Return the hour tier booked hours are charged at."""
        key = (care, hours)
        found = self._tiers.get(key)
        if found is None:
            found = self._tiers[key] = hours_tier(self.statute, care, hours)
        return found

    def moves(self, birth_date: date) -> tuple[tuple[int, str], ...]:
        """Return (first month ordinal, group id) for each age group of a child born on a day."""
        found = self._moves.get(birth_date)
        if found is None:
            if len(self._moves) > 100_000:  # bounded: a day of birth per entry
                self._moves.clear()
            found = self._moves[birth_date] = age_group_moves(self.statute, birth_date)
        return found

    def row(self, income: Decimal | None) -> int:
        """Return the table row (from 1) of an annual income; the bound belongs to its row; None → top row."""
        return self.top if income is None else bisect_left(self.bounds, income) + 1


_TABLES: dict[int, Table] = {}


def table_of(statute: Statute) -> Table:
    """Return the prepared table of a statute (prepared once per statute object)."""
    table = _TABLES.get(id(statute))
    if table is None or table.statute is not statute:
        table = _TABLES[id(statute)] = Table(statute)
    return table


class IncomeRows:
    """The household's table row and income reason per statute and calendar year."""

    def __init__(self, income: HouseholdIncome):
        self.income = income
        self.same_every_year = isinstance(income, (Undeclared, AcceptedHighest, AnnualIncome))
        self._rows: dict[tuple[int, int | None], tuple[int, str]] = {}

    def row(self, table: Table, year: int) -> tuple[int, str]:
        key = (id(table), None if self.same_every_year else year)
        found = self._rows.get(key)
        if found is None:
            found = self._rows[key] = self._work_out(table, year)
        return found

    def _work_out(self, table: Table, year: int) -> tuple[int, str]:
        income = annual_income(self.income, table.statute, year)
        if income is None:
            head = reasons.ACCEPTED_HIGHEST if isinstance(self.income, AcceptedHighest) else reasons.NO_DECLARATION
            return table.top, reasons.highest(head, table.top)
        row = table.row(income)
        return row, reasons.declared(row, table.labels[row - 1], None if self.same_every_year else year, income)


def annual_income(income: HouseholdIncome, statute: Statute, year: int) -> Decimal | None:
    """Return the relevant income of a calendar year; None when the top row applies."""
    if isinstance(income, (Undeclared, AcceptedHighest)):
        return None
    if isinstance(income, AnnualIncome):
        return income.amount
    if isinstance(income, IncomeByYear):
        return income.amounts[year]
    if isinstance(income, IncomeItems):
        return relevant_income(income.items, year, statute.income)
    raise TypeError(f"unknown income: {income!r}")


class ChildPlan:
    """One child under one statute: hour tier, when it changes age group, how a month's cell is charged."""

    __slots__ = ("statute", "table", "ogs", "tier", "hours", "moves")

    def __init__(self, statute: Statute, child: ChildCare):
        self.statute = statute
        self.table = table_of(statute)
        self.ogs = child.care == "ogs"
        self.hours = child.hours
        self.tier = None if self.ogs else self.table.tier(child.care, child.hours)
        self.moves = () if self.ogs else self.table.moves(child.birth_date)

    def group_at(self, ordinal: int) -> str | None:
        """Return the age group in a month (None for OGS)."""
        group = None
        for starts, group_id in self.moves:
            if ordinal < starts:
                break
            group = group_id
        return group

    def charge(self, row: int, group: str | None, ordinal: int) -> tuple[Decimal, tuple[str, ...]]:
        """Return the table amount of a month and the reasons beyond the income row (cell, OGS cap)."""
        if self.ogs:
            return self.table.ogs_cell(row, ordinal // 12 if ordinal % 12 >= 7 else ordinal // 12 - 1)
        assert group is not None and self.tier is not None, "a Kita or childminder month has a group and a tier"
        return self.table.cell(row, group, self.tier, self.hours)


def hours_tier(statute: Statute, care: str, hours: int | None) -> int:
    """Map booked weekly hours to the statute's tier: Kita exactly, others the lowest tier at or above them."""
    if hours is None:
        raise ValueError("weekly hours missing")
    if statute.hour_mappings.get(care) == EXACT:
        if hours not in statute.hour_tiers:
            raise ValueError(f"{hours} hours is not a tier of {statute.id}")
        return hours
    return next((tier for tier in statute.hour_tiers if hours <= tier), statute.hour_tiers[-1])


def age_group_moves(statute: Statute, birth_date: date) -> tuple[tuple[int, str], ...]:
    """Return (first month ordinal, group id) for each age group of a child, oldest group last."""
    moves = []
    starts = 0
    for group in statute.age_groups:
        moves.append((starts, group.id))
        if group.until_age is not None:
            starts = move_up_ordinal(statute.move_up, birth_date, group.until_age)
    return tuple(moves)


def move_up_ordinal(rule: str | None, birth_date: date, age: int) -> int:
    """Return the month a child leaves the group that ends with the birthday ``age``."""
    year = birth_date.year + age
    if rule == KITA_YEAR_AFTER_BIRTHDAY:
        return Month(year + 1 if birth_date.month >= 8 else year, 8).ordinal
    return Month(year, birth_date.month).ordinal + 1


def contract_ordinals(child: ChildCare, first: Month, last: Month) -> range:
    """Return the ordinals of the child's contract months within ``first``..``last``."""
    start = max(first.ordinal, child.start.year * 12 + child.start.month - 1)
    end = last.ordinal if child.end is None else min(last.ordinal, child.end.year * 12 + child.end.month - 1)
    return range(start, end + 1)


def fee_free_months(child: ChildCare) -> tuple[int, int]:
    """Return the ordinals [from, until) of the fee-free months under § 50 KiBiz (none for OGS)."""
    if child.care == "ogs":
        return NEVER, NEVER
    return _fee_free_window(child.birth_date, child.school_entry)


@lru_cache(maxsize=65536)
def _fee_free_window(birth_date: date, given_school_entry: date | None) -> tuple[int, int]:
    entry = given_school_entry or default_school_entry(birth_date)
    return fee_free_year(birth_date) * 12 + 7, entry.year * 12 + entry.month - 1


def fee_free_year(birth_date: date) -> int:
    """Return the year whose 1 August starts the fee-free years: the child turns 4 by 30 September."""
    return birth_date.year + (4 if (birth_date.month, birth_date.day) <= (9, 30) else 5)


def school_entry(child: ChildCare) -> date:
    """Return the school entry: as given, else the default."""
    return child.school_entry or default_school_entry(child.birth_date)


def default_school_entry(birth_date: date) -> date:
    """Return 1 August of the year the child turns 6 on or before 30 September."""
    turns_six_in_time = (birth_date.month, birth_date.day) <= (9, 30)
    return date(birth_date.year + (6 if turns_six_in_time else 7), 8, 1)
