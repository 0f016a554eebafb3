"""Every rule of the fee engine, one table of cases each, checked against the sample statutes' tables."""
from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from elternbeitraege.fees import (
    AcceptedHighest,
    BenefitPeriod,
    Household,
    HouseholdError,
    IncomeByYear,
    Month,
    StatuteBook,
    Undeclared,
    assess_household,
)
from elternbeitraege.fees.plan import fee_free_year, school_entry
from elternbeitraege.fees.statute import OgsCap

from .builders import ENNIGERLOH, GUETERSLOH, KOELN, annual, child, fees_of, months_of

EURO = Decimal
GUETERSLOH_SINCE_2020 = dataclasses.replace(GUETERSLOH, valid_from=date(2020, 8, 1))


@pytest.mark.parametrize(("income", "bracket", "amount"), [
    ("0", 1, "0.00"),
    ("30000.00", 1, "0.00"),
    ("30000.01", 2, "46.00"),
    ("35000.00", 2, "46.00"),
    ("35000.01", 3, "77.00"),
    ("52000", 6, "169.00"),
    ("100000.00", 11, "397.00"),
    ("100000.01", 12, "416.00"),
    ("9999999", 12, "416.00"),
])
def test_the_row_is_the_first_whose_bound_is_at_or_above_the_income_to_the_cent(income, bracket, amount):
    fee = months_of(GUETERSLOH, child("2021-01-10"), income=annual(income))[0]
    assert (fee.bracket, fee.amount) == (bracket, EURO(amount))


@pytest.mark.parametrize(("birth", "last_u2", "first_ue2"), [
    ("2022-09-15", "2024-09", "2024-10"),
    ("2022-09-01", "2024-09", "2024-10"),
    ("2022-09-30", "2024-09", "2024-10"),
    ("2022-12-31", "2024-12", "2025-01"),
])
def test_guetersloh_moves_a_child_up_in_the_month_after_its_second_birthday(birth, last_u2, first_ue2):
    groups = {str(fee.month): fee.age_group for fee in months_of(GUETERSLOH, child(birth, start="2024-08-01"))}
    assert (groups[last_u2], groups[first_ue2]) == ("u2", "ue2")


@pytest.mark.parametrize(("birth", "expected"), [
    ("2023-10-05", {"2026-07": "u2", "2026-08": "2to3", "2027-07": "2to3", "2027-08": "ue3"}),
    ("2023-07-31", {"2025-08": "2to3", "2026-07": "2to3", "2026-08": "ue3"}),
    ("2023-08-01", {"2026-07": "u2", "2026-08": "2to3", "2027-08": "ue3"}),
])
def test_koeln_moves_a_child_up_on_1_august_after_the_kita_year_of_its_birthday(birth, expected):
    fees = months_of(KOELN, child(birth, hours=45, start="2025-08-01"), period=(Month(2025, 8), Month(2027, 8)))
    groups = {str(fee.month): fee.age_group for fee in fees}
    assert {month: groups[month] for month in expected} == expected


@pytest.mark.parametrize(("care", "hours", "tier"), [
    ("kita", 25, 25), ("kita", 35, 35), ("kita", 45, 45),
    ("childminder", 10, 25), ("childminder", 25, 25), ("childminder", 26, 35), ("childminder", 35, 35),
    ("childminder", 36, 45), ("childminder", 50, 45),
])
def test_booked_hours_are_charged_at_their_tier(care, hours, tier):
    assert months_of(GUETERSLOH, child("2021-01-10", care, hours))[0].hours_tier == tier


@pytest.mark.parametrize("hours", [20, 30, 40, 50])
def test_a_kita_place_outside_the_tiers_is_refused_with_the_field_named(hours):
    with pytest.raises(HouseholdError) as refused:
        months_of(GUETERSLOH, child("2021-01-10", "kita", hours))
    assert [problem.field for problem in refused.value.problems] == ["children[0].hours"]
    assert "25, 35 oder 45 Wochenstunden" in refused.value.problems[0].message


@pytest.mark.parametrize(("birth", "free_from"), [
    ("2020-09-30", 2024), ("2020-10-01", 2025), ("2020-01-01", 2024), ("2020-12-31", 2025),
])
def test_the_fee_free_years_start_on_1_august_of_the_year_the_child_turns_four_by_30_september(birth, free_from):
    assert fee_free_year(date.fromisoformat(birth)) == free_from


def test_a_child_turning_four_on_30_september_is_free_from_august_of_that_year():
    fees = fees_of(GUETERSLOH, child("2020-09-30"), period=(Month(2024, 6), Month(2024, 9)))["a"]
    assert fees == {"2024-08": EURO("0.00"), "2024-09": EURO("0.00")} | {}  # contract starts in August


def test_a_child_turning_four_on_1_october_pays_until_the_next_august():
    fees = fees_of(GUETERSLOH, child("2020-10-01"), period=(Month(2024, 8), Month(2025, 8)))["a"]
    assert fees["2024-08"] == fees["2025-07"] == EURO("169.00")
    assert fees["2025-08"] == EURO("0.00")


def test_fee_free_years_end_with_the_default_school_entry_on_1_august_of_the_year_the_child_turns_six():
    kid = child("2019-09-30", start="2023-08-01")
    assert str(school_entry(kid)) == "2025-08-01"
    fees = months_of(GUETERSLOH_SINCE_2020, kid, period=(Month(2023, 7), Month(2025, 8)))
    free = [str(fee.month) for fee in fees if "§ 50 KiBiz" in fee.reasons[0]]
    assert (free[0], free[-1], len(free)) == ("2023-08", "2025-07", 24)


def test_an_early_school_starter_gets_one_fee_free_year():
    kid = child("2019-11-15", start="2023-08-01", end="2025-07-31", school_entry="2025-08-01")
    fees = months_of(GUETERSLOH_SINCE_2020, kid, period=(Month(2023, 8), Month(2025, 7)))
    free = [str(fee.month) for fee in fees if fee.amount == 0]
    assert (free[0], free[-1], len(free)) == ("2024-08", "2025-07", 12)


def test_ogs_has_no_fee_free_years():
    fees = fees_of(ENNIGERLOH, child("2018-03-01", "ogs"), income=annual("95000"))["a"]
    assert set(fees.values()) == {EURO("221.00")}


def test_benefit_months_cost_nothing_and_the_others_follow_the_table():
    benefits = (BenefitPeriod(Month(2024, 8), Month(2024, 12)),)
    fees = months_of(GUETERSLOH, child("2021-01-10"), benefits=benefits)
    assert [fee.amount for fee in fees[:6]] == [EURO("0.00")] * 5 + [EURO("169.00")]
    assert "§ 90 Abs. 4 SGB VIII" in fees[0].reasons[0]


@pytest.mark.parametrize(("income", "reason"), [
    (Undeclared(), "Höchstbeitrag: keine Einkommenserklärung"),
    (AcceptedHighest(), "Höchstbeitrag: Zustimmung zum Höchstbeitrag"),
])
def test_no_declaration_or_accepting_the_top_bracket_charges_the_last_row(income, reason):
    fee = months_of(GUETERSLOH, child("2021-01-10"), income=income)[0]
    assert (fee.bracket, fee.amount, fee.reasons[0].split(" (")[0]) == (12, EURO("416.00"), reason)


def test_each_month_takes_the_income_of_its_calendar_year():
    income = IncomeByYear({2024: EURO("52000"), 2025: EURO("58000")})
    fees = months_of(GUETERSLOH, child("2021-01-10"), income=income)
    by_month = {str(fee.month): (fee.bracket, fee.amount) for fee in fees}
    assert by_month["2024-12"] == (6, EURO("169.00"))
    assert by_month["2025-01"] == (7, EURO("200.00"))
    assert "maßgebliches Einkommen 2025: 58.000 €" in fees[5].reasons[0]


def test_a_missing_calendar_year_is_refused():
    with pytest.raises(HouseholdError) as refused:
        months_of(GUETERSLOH, child("2021-01-10"), income=IncomeByYear({2024: EURO("52000")}))
    assert refused.value.problems[0].field == "income.by_year"
    assert "2025" in refused.value.problems[0].message


def test_months_run_from_the_month_of_admission_to_the_month_of_departure_in_full():
    fees = fees_of(GUETERSLOH, child("2021-01-10", start="2025-03-31", end="2025-05-01"))["a"]
    assert list(fees) == ["2025-03", "2025-04", "2025-05"]
    assert set(fees.values()) == {EURO("169.00")}


def test_a_contract_outside_the_period_gives_no_months():
    assert fees_of(GUETERSLOH, child("2021-01-10", start="2025-09-01"))["a"] == {}


def test_only_the_highest_fee_among_guetersloh_siblings_is_charged():
    baby = child("2024-01-10", "childminder", 28, name="baby")  # u2, tier 35: 223 €
    older = child("2021-06-01", "kita", 45, name="older")  # ue2, 45 h: 219 €
    fees = fees_of(GUETERSLOH, baby, older)
    assert (fees["baby"]["2024-08"], fees["older"]["2024-08"]) == (EURO("223.00"), EURO("0.00"))


def test_a_fee_free_sibling_is_not_the_paying_child():
    free = child("2020-03-01", "kita", 45, name="free")  # free from August 2024 under § 50 KiBiz
    young = child("2022-06-01", "kita", 25, name="young")
    fees = fees_of(GUETERSLOH, free, young)
    assert (fees["free"]["2024-08"], fees["young"]["2024-08"]) == (EURO("0.00"), EURO("130.00"))


def test_equal_sibling_fees_are_paid_by_the_older_child_and_twins_by_the_one_listed_first():
    younger, older = child("2022-05-01", name="younger"), child("2022-04-01", name="older")
    assert fees_of(GUETERSLOH, younger, older)["older"]["2024-08"] == EURO("169.00")
    first, second = child("2022-05-01", name="first"), child("2022-05-01", name="second")
    fees = fees_of(GUETERSLOH, first, second)
    assert (fees["first"]["2024-08"], fees["second"]["2024-08"]) == (EURO("169.00"), EURO("0.00"))


def test_the_sibling_reduction_says_so_in_the_reasons():
    fees = assess_household(GUETERSLOH, Household((child("2022-05-01", name="a"), child("2022-05-01", name="b")),
                                                  annual("52000")), Month(2024, 8), Month(2024, 8))
    assert fees.child("b").months[0].reasons[0] == "Geschwisterkind: nur der höchste Beitrag wird erhoben"


def test_ogs_siblings_pay_all_half_and_nothing_in_order_of_age():
    kids = [child(birth, "ogs", name=name) for name, birth in
            (("youngest", "2018-05-01"), ("eldest", "2016-02-01"), ("middle", "2017-01-01"))]
    fees = fees_of(ENNIGERLOH, *kids, income=annual("45000"))
    assert [fees[name]["2024-08"] for name in ("eldest", "middle", "youngest")] == [
        EURO("67.00"), EURO("33.50"), EURO("0.00")]


def test_half_a_fee_is_rounded_half_up_to_the_cent():
    odd = dataclasses.replace(ENNIGERLOH, brackets=tuple(
        dataclasses.replace(bracket, amounts={"ogs": EURO("33.01")}) for bracket in ENNIGERLOH.brackets))
    fees = fees_of(odd, child("2016-01-01", "ogs", name="a"), child("2017-01-01", "ogs", name="b"))
    assert fees["b"]["2024-08"] == EURO("16.51")


def test_the_ogs_fee_never_exceeds_the_cap_of_its_school_year():
    capped = dataclasses.replace(ENNIGERLOH, ogs_caps=(OgsCap(2024, EURO("200.00")),))
    fee = months_of(capped, child("2016-01-01", "ogs"), income=annual("95000"))[0]
    assert fee.amount == EURO("200.00")
    assert any("OGS-Deckel im Schuljahr 2024/25: höchstens 200 €" in reason for reason in fee.reasons)


def test_the_ennigerloh_cap_of_2024_25_is_228_and_the_top_row_stays_below_it():
    assert ENNIGERLOH.ogs_cap(2024) == EURO("228") and ENNIGERLOH.ogs_cap(2023) == EURO("221")
    assert not any("Deckel" in reason for reason in months_of(ENNIGERLOH, child("2016-01-01", "ogs"),
                                                               income=annual("95000"))[0].reasons)


def test_a_month_outside_the_statutes_validity_is_refused_naming_the_period():
    with pytest.raises(HouseholdError) as refused:
        months_of(KOELN, child("2022-01-01", start="2024-08-01"))
    assert refused.value.problems[0].field == "from"
    assert "01.08.2025" in refused.value.problems[0].message


def test_a_care_kind_the_statute_does_not_cover_is_refused():
    with pytest.raises(HouseholdError) as refused:
        months_of(GUETERSLOH, child("2016-01-01", "ogs"))
    assert refused.value.problems[0].field == "children[0].care"


def test_the_newest_statute_in_force_applies_from_its_date():
    successor = dataclasses.replace(GUETERSLOH, id="kreis-guetersloh-2025", valid_from=date(2025, 8, 1))
    book = StatuteBook(((GUETERSLOH.valid_from, GUETERSLOH), (successor.valid_from, successor)))
    fees = assess_household(book, Household((child("2022-01-01", start="2024-08-01"),), annual("52000")),
                            Month(2025, 7), Month(2025, 8)).children[0].months
    assert [fee.statute_id for fee in fees] == ["kreis-guetersloh-2024", "kreis-guetersloh-2025"]


def test_every_problem_is_reported_at_once():
    kids = (child("2025-01-01", "kita", 30, start="2024-08-01", name="x"),
            child("2021-01-01", end="2024-01-01", name="x"))
    with pytest.raises(HouseholdError) as refused:
        assess_household(GUETERSLOH, Household(kids, Undeclared()), *(Month(2024, 8), Month(2025, 7)))
    assert {problem.field for problem in refused.value.problems} == {
        "children[0].birth_date", "children[1].end", "children[1].id"}


def test_each_school_year_has_its_own_ogs_cap():
    capped = dataclasses.replace(ENNIGERLOH, valid_from=date(2023, 8, 1),
                                 ogs_caps=(OgsCap(2023, EURO("150.00")), OgsCap(2024, EURO("200.00"))))
    fees = fees_of(capped, child("2016-01-01", "ogs", start="2024-01-01"), income=annual("95000"),
                   period=(Month(2024, 6), Month(2024, 9)))["a"]
    assert list(fees.values()) == [EURO("150.00"), EURO("150.00"), EURO("200.00"), EURO("200.00")]
