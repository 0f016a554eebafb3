"""The household's relevant income from single incomes per parent and kind, and the difference of two assessments."""
from __future__ import annotations

from decimal import Decimal

import pytest

from elternbeitraege.fees import ChildAssessment, IncomeItem, IncomeItems, Month, MonthlyFee, recalculate
from elternbeitraege.fees.income import item_problems, relevant_income
from elternbeitraege.fees.statute import IncomeRules

from .builders import GUETERSLOH, child, months_of

RULES = IncomeRules()


def item(person: int, kind: str, amount: str | None = None, **extra) -> IncomeItem:
    values = {key: Decimal(value) if key in ("monthly", "expenses") else value for key, value in extra.items()}
    return IncomeItem(person, kind, 2025, Decimal(amount) if amount is not None else None, **values)


@pytest.mark.parametrize(("items", "relevant"), [
    ([item(1, "employment", "48000")], "46770.00"),
    ([item(1, "employment", "48000", expenses="3000")], "45000.00"),
    ([item(1, "employment", "48000", expenses="500")], "46770.00"),
    ([item(1, "employment", "1000")], "0.00"),
    ([item(1, "employment", "30000"), item(2, "employment", "20000")], "47540.00"),
    ([item(1, "employment", "30000"), item(1, "employment", "20000")], "48770.00"),
    ([item(1, "employment", "48000"), item(2, "self_employment", "-8000")], "46770.00"),
    ([item(1, "self_employment", "-8000"), item(1, "rental", "6000")], "6000.00"),
    ([item(1, "self_employment", "-8000"), item(1, "self_employment", "10000")], "2000.00"),
    ([item(1, "parental_allowance", monthly="900", months=6)], "3600.00"),
    ([item(1, "parental_allowance", monthly="900", months=6, plus=True)], "4500.00"),
    ([item(1, "parental_allowance", monthly="300", months=12)], "0.00"),
    ([item(1, "parental_allowance", "5400", months=6)], "3600.00"),
    ([item(1, "child_benefit", "3000")], "0.00"),
    ([item(1, "unemployment_benefit", monthly="1200", months=3)], "3600.00"),
    ([item(1, "maintenance", monthly="400")], "4800.00"),
    ([item(1, "pension", "12000"), item(2, "sick_pay", "2000"), item(2, "capital", "500")], "14500.00"),
])
def test_the_relevant_income_counts_positive_totals_per_parent_and_kind(items, relevant):
    assert relevant_income(items, 2025, RULES) == Decimal(relevant)


def test_items_of_another_year_do_not_count():
    assert relevant_income([item(1, "pension", "12000")], 2024, RULES) == Decimal("0.00")


def test_the_statute_sets_the_lump_sum_and_the_free_parental_allowance():
    rules = IncomeRules(Decimal("1000"), Decimal("200"), Decimal("100"))
    items = [item(1, "employment", "10000"), item(2, "parental_allowance", monthly="500", months=2)]
    assert relevant_income(items, 2025, rules) == Decimal("9600.00")


@pytest.mark.parametrize(("bad", "field"), [
    (IncomeItem(3, "employment", 2025, Decimal(1)), "income.items[0].person"),
    (IncomeItem(1, "lottery", 2025, Decimal(1)), "income.items[0].kind"),
    (IncomeItem(1, "employment", 2025), "income.items[0].amount"),
    (IncomeItem(1, "employment", 2025, Decimal(1), monthly=Decimal(1)), "income.items[0].amount"),
    (IncomeItem(1, "parental_allowance", 2025, Decimal(1)), "income.items[0].months"),
    (IncomeItem(1, "pension", 2025, Decimal(1), expenses=Decimal(5)), "income.items[0].expenses"),
    (IncomeItem(1, "employment", 2025, Decimal(-1)), "income.items[0].amount"),
    (IncomeItem(1, "maintenance", 2025, monthly=Decimal(1), months=13), "income.items[0].months"),
])
def test_an_impossible_item_is_named(bad, field):
    assert [problem.field for problem in item_problems((bad,))] == [field]


def test_the_month_uses_the_income_from_items_of_its_year():
    items = IncomeItems((IncomeItem(1, "employment", 2024, Decimal("48000")),
                         IncomeItem(1, "employment", 2025, Decimal("60000"))))
    fees = months_of(GUETERSLOH, child("2021-01-10"), income=items)
    assert [(str(fee.month), fee.bracket) for fee in fees[4:6]] == [("2024-12", 5), ("2025-01", 7)]


def fee(month: str, amount: str) -> MonthlyFee:
    return MonthlyFee(Month.parse(month), Decimal(amount), 1, "ue2", 35, (), "s")


def test_recalculating_gives_the_difference_per_month_and_the_refund():
    old = ChildAssessment("a", (fee("2025-01", "200.00"), fee("2025-02", "200.00")))
    new = ChildAssessment("a", (fee("2025-01", "169.00"), fee("2025-02", "169.00"), fee("2025-03", "169.00")))
    result = recalculate(old, new)
    assert [(str(month.month), month.difference) for month in result.months] == [
        ("2025-01", Decimal("-31.00")), ("2025-02", Decimal("-31.00")), ("2025-03", Decimal("169.00"))]
    totals = (result.old_total, result.new_total, result.balance)
    assert totals == (Decimal("400.00"), Decimal("507.00"), Decimal("107.00"))
    assert (result.back_payment, result.refund) == (Decimal("107.00"), Decimal("0.00"))


def test_a_lower_new_fee_is_a_refund():
    old, new = ChildAssessment("a", (fee("2025-01", "200.00"),)), ChildAssessment("a", (fee("2025-01", "0"),))
    result = recalculate(old, new)
    assert (result.refund, result.back_payment) == (Decimal("200.00"), Decimal("0.00"))
