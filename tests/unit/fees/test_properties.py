"""Properties that hold for every household the generators can think of, not just the examples."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from elternbeitraege.fees import AnnualIncome, BenefitPeriod, ChildCare, Household, Month, assess_household

from .builders import ENNIGERLOH, GUETERSLOH, KOELN

PERIODS = {GUETERSLOH.id: (Month(2024, 8), Month(2025, 7)), KOELN.id: (Month(2025, 8), Month(2026, 7)),
           ENNIGERLOH.id: (Month(2024, 8), Month(2025, 7))}
SETTINGS = settings(max_examples=150, deadline=None)


def days(first: date, last: date) -> st.SearchStrategy[date]:
    return st.integers(0, (last - first).days).map(lambda offset: first + timedelta(days=offset))


@st.composite
def children(draw, statute) -> ChildCare:
    first, last = PERIODS[statute.id]
    start = draw(days(first.first_day, last.last_day))
    end = draw(st.none() | days(start, last.last_day + timedelta(days=60)))
    if statute is ENNIGERLOH:
        birth = draw(days(date(2014, 8, 1), date(2018, 7, 31)))
        return ChildCare(draw(st.uuids()).hex[:8], birth, "ogs", None, start, end)
    birth = draw(days(start - timedelta(days=6 * 365), start))
    care = draw(st.sampled_from(["kita", "childminder"]))
    hours = draw(st.sampled_from([25, 35, 45]) if care == "kita" else st.integers(5, 50))
    school = draw(st.none() | days(date(birth.year + 5, 8, 1), date(birth.year + 7, 8, 1)))
    return ChildCare(draw(st.uuids()).hex[:8], birth, care, hours, start, end, school)


incomes = st.decimals(min_value=0, max_value=250_000, places=2, allow_nan=False, allow_infinity=False)
statutes = st.sampled_from([GUETERSLOH, KOELN, ENNIGERLOH])


@st.composite
def benefits(draw, statute) -> tuple[BenefitPeriod, ...]:
    first, last = PERIODS[statute.id]
    months = list(first.until(last))
    start = draw(st.integers(0, len(months) - 1))
    stop = draw(st.integers(start, len(months) - 1))
    return draw(st.just(()) | st.just((BenefitPeriod(months[start], months[stop]),)))


@st.composite
def households(draw, statute=None) -> tuple:
    statute = statute or draw(statutes)
    kids = tuple(draw(st.lists(children(statute), min_size=1, max_size=3, unique_by=lambda kid: kid.id)))
    return statute, Household(kids, AnnualIncome(draw(incomes)), draw(benefits(statute)))


def assess(statute, household: Household):
    return assess_household(statute, household, *PERIODS[statute.id])


def monthly_totals(assessment) -> dict[Month, Decimal]:
    totals: dict[Month, Decimal] = {}
    for child in assessment.children:
        for fee in child.months:
            totals[fee.month] = totals.get(fee.month, Decimal(0)) + fee.amount
    return totals


@SETTINGS
@given(households(), incomes)
def test_the_fee_never_falls_when_the_income_rises(case, other_income):
    statute, household = case
    low, high = sorted([household.income.amount, other_income])
    poorer = assess(statute, Household(household.children, AnnualIncome(low), household.benefits))
    richer = assess(statute, Household(household.children, AnnualIncome(high), household.benefits))
    poorer_totals, richer_totals = monthly_totals(poorer), monthly_totals(richer)
    assert all(poorer_totals[month] <= richer_totals[month] for month in poorer_totals)


@SETTINGS
@given(households())
def test_no_fee_is_above_the_last_row_or_the_ogs_cap(case):
    statute, household = case
    top = statute.brackets[-1].amounts
    for child in assess(statute, household).children:
        for fee in child.months:
            column = "ogs" if fee.age_group is None else f"{fee.age_group}_{fee.hours_tier}h"
            assert 0 <= fee.amount <= top[column]
            if fee.age_group is None:
                assert fee.amount <= statute.ogs_cap(fee.month.school_year)


@SETTINGS
@given(households())
def test_fee_free_and_benefit_months_cost_nothing(case):
    statute, household = case
    benefit_months = {month for period in household.benefits for month in period.first.until(period.last)}
    for child in assess(statute, household).children:
        for fee in child.months:
            if fee.month in benefit_months or "§ 50 KiBiz" in fee.reasons[0]:
                assert fee.amount == 0


@SETTINGS
@given(st.data())
def test_adding_a_sibling_never_raises_what_the_others_pay_nor_more_than_alone(data):
    statute, household = data.draw(households())
    sibling = data.draw(children(statute))
    with_sibling = Household((*household.children, sibling), household.income, household.benefits)
    before, after = assess(statute, household), assess(statute, with_sibling)
    assert sum(after.child(kid.id).total for kid in household.children) <= before.total
    alone = assess(statute, Household((sibling,), household.income, household.benefits))
    assert after.total <= before.total + alone.total


@SETTINGS
@given(households())
def test_every_month_of_every_contract_is_charged_once(case):
    statute, household = case
    first, last = PERIODS[statute.id]
    for kid, child in zip(household.children, assess(statute, household).children, strict=True):
        start = max(first, Month.of(kid.start))
        end = min(last, Month.of(kid.end)) if kid.end else last
        assert [fee.month for fee in child.months] == list(start.until(end))
