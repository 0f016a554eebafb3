"""German formatting helpers of the PDF package."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pdf.formatting import date_de, hours_de, money, month_de, month_end, paragraphs


@pytest.mark.parametrize(("amount", "expected"), [
    (Decimal("1234.56"), "1.234,56 €"),
    (Decimal(0), "0,00 €"),
    (Decimal(7), "7,00 €"),
    (Decimal("999.9"), "999,90 €"),
    (Decimal("1234567.8"), "1.234.567,80 €"),
    (Decimal("-12.5"), "-12,50 €"),
    (Decimal("0.005"), "0,01 €"),
    (Decimal("2.675"), "2,68 €"),
])
def test_money_is_written_the_german_way(amount: Decimal, expected: str) -> None:
    assert money(amount) == expected


def test_money_refuses_floats() -> None:
    with pytest.raises(TypeError):
        money(12.5)  # type: ignore[arg-type]


def test_dates_are_written_day_month_year_with_dots() -> None:
    assert date_de(date(2024, 3, 15)) == "15.03.2024"
    assert date_de(date(2025, 1, 1)) == "01.01.2025"


@pytest.mark.parametrize(("month", "expected"), [
    (1, "Januar 2024"), (3, "März 2024"), (8, "August 2024"), (12, "Dezember 2024"),
])
def test_months_have_german_names_whatever_the_locale(month: int, expected: str) -> None:
    assert month_de(date(2024, month, 1)) == expected


@pytest.mark.parametrize(("day", "expected"), [
    (date(2024, 2, 1), date(2024, 2, 29)),
    (date(2025, 2, 10), date(2025, 2, 28)),
    (date(2025, 7, 1), date(2025, 7, 31)),
    (date(2025, 12, 1), date(2025, 12, 31)),
])
def test_month_end_is_the_last_day_of_the_month(day: date, expected: date) -> None:
    assert month_end(day) == expected


def test_unknown_hours_print_as_a_dash() -> None:
    assert hours_de(None) == "–"
    assert hours_de(35) == "35 Std."


@pytest.mark.parametrize(("text", "expected"), [
    ("Eine Zeile", (("Eine Zeile",),)),
    ("Erstens\nZweitens", (("Erstens", "Zweitens"),)),
    ("Erstens\r\nZweitens\r\n\r\nDrittens", (("Erstens", "Zweitens"), ("Drittens",))),
    ("\n  Eins  \n \n\n\nZwei\n", (("Eins",), ("Zwei",))),
    ("", ()),
    ("  \n\n ", ()),
])
def test_free_text_splits_into_paragraphs_of_lines(text: str, expected: tuple) -> None:
    assert paragraphs(text) == expected
