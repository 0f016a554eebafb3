"""The fee of one child under the Gütersloh sample statute, month by month."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from elternbeitraege.fees import Care, Income, Month, StatuteError, assess, fee_free_from, load_statute

GUETERSLOH = load_statute("kreis-guetersloh-2024")


def kita(birth: date, hours: int = 35, start: date = date(2024, 8, 1), end: date | None = None) -> Care:
    return Care(birth_date=birth, care_kind="kita", weekly_hours=hours, start=start, end=end)


@pytest.mark.parametrize(("income", "bracket", "amount"), [
    ("0", 1, "0.00"),
    ("30000.00", 1, "0.00"),
    ("30000.01", 2, "46.00"),
    ("35000", 2, "46.00"),
    ("52000", 6, "169.00"),
    ("100000", 11, "397.00"),
    ("100000.01", 12, "416.00"),
])
def test_the_row_is_the_first_whose_bound_is_at_or_above_the_income(income, bracket, amount):
    fee = assess(GUETERSLOH, kita(date(2021, 1, 10)), Income(Decimal(income))).months[0]
    assert (fee.bracket, fee.amount) == (bracket, Decimal(amount))


@pytest.mark.parametrize(("hours", "amount"), [(25, "130.00"), (35, "169.00"), (45, "219.00")])
def test_the_booked_hours_pick_the_column(hours, amount):
    fee = assess(GUETERSLOH, kita(date(2021, 1, 10), hours), Income(Decimal("52000"))).months[0]
    assert fee.amount == Decimal(amount)


def test_a_kita_place_with_other_hours_is_refused():
    with pytest.raises(StatuteError):
        assess(GUETERSLOH, kita(date(2021, 1, 10), hours=30), Income(Decimal("52000")))


def test_a_childminder_booking_is_charged_at_the_next_tier_up():
    care = Care(date(2021, 1, 10), "childminder", 30, date(2024, 8, 1))
    assert assess(GUETERSLOH, care, Income(Decimal("52000"))).months[0].hours_tier == 35


def test_a_child_moves_up_an_age_group_in_the_month_after_its_second_birthday():
    months = assess(GUETERSLOH, kita(date(2022, 9, 15)), Income(Decimal("52000"))).months
    groups = {str(fee.month): fee.age_group for fee in months}
    assert groups["2024-09"] == "u2" and groups["2024-10"] == "ue2"
    assert [fee.amount for fee in months[:3]] == [Decimal("223.00"), Decimal("223.00"), Decimal("169.00")]


def test_without_a_declaration_the_last_row_is_charged_with_its_reason():
    fee = assess(GUETERSLOH, kita(date(2021, 1, 10)), Income()).months[0]
    assert fee.amount == Decimal("416.00") and fee.bracket == 12
    assert fee.reasons[0].startswith("Höchstbeitrag: keine Einkommenserklärung")


def test_accepting_the_highest_fee_says_so_in_the_reason():
    fee = assess(GUETERSLOH, kita(date(2021, 1, 10)), Income(accepted_highest=True)).months[0]
    assert fee.amount == Decimal("416.00") and "Zustimmung zum Höchstbeitrag" in fee.reasons[0]


def test_a_household_on_benefits_pays_nothing():
    fee = assess(GUETERSLOH, kita(date(2021, 1, 10)), Income(Decimal("90000"), benefit=True)).months[0]
    assert fee.amount == Decimal("0.00") and "§ 90 Abs. 4 SGB VIII" in fee.reasons[0]


@pytest.mark.parametrize(("birth", "first_free"), [
    (date(2020, 9, 30), Month(2024, 8)),
    (date(2020, 10, 1), Month(2025, 8)),
    (date(2021, 1, 1), Month(2025, 8)),
])
def test_the_fee_free_years_start_on_1_august_by_the_30_september_rule(birth, first_free):
    assert fee_free_from(birth) == first_free


def test_fee_free_months_cost_nothing_and_say_why():
    fee = assess(GUETERSLOH, kita(date(2020, 9, 30)), Income(Decimal("52000"))).months[0]
    assert fee.amount == Decimal("0.00") and "§ 50 KiBiz" in fee.reasons[0]


def test_every_month_from_admission_to_the_end_of_the_kita_year_is_charged():
    months = assess(GUETERSLOH, kita(date(2022, 1, 1), start=date(2025, 3, 20)), Income(Decimal("52000"))).months
    assert [str(fee.month) for fee in months] == ["2025-03", "2025-04", "2025-05", "2025-06", "2025-07"]


def test_the_month_of_departure_is_the_last_one_charged():
    care = kita(date(2022, 1, 1), start=date(2024, 8, 1), end=date(2024, 11, 3))
    assert str(assess(GUETERSLOH, care, Income(Decimal("52000"))).months[-1].month) == "2024-11"


def test_the_total_adds_up_the_months():
    assessment = assess(GUETERSLOH, kita(date(2021, 1, 10)), Income(Decimal("52000")))
    assert assessment.total == Decimal("169.00") * 12
