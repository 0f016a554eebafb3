"""The pure rules of the office's bounds: how far a deadline may reach, when an income year may be checked."""
from __future__ import annotations

from datetime import date

import pytest

from workflows.checks import final_check_opens, latest_deadline, months_later


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2026, 12, 3), 3, date(2027, 3, 3)),
    (date(2026, 11, 30), 3, date(2027, 2, 28)),   # no 30 February: its last day
    (date(2027, 11, 30), 3, date(2028, 2, 29)),   # a leap year
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2026, 10, 15), 14, date(2027, 12, 15)),
])
def test_months_later_keeps_the_day_or_takes_the_last_of_a_shorter_month(day, months, expected):
    assert months_later(day, months) == expected


def test_on_3_december_2026_a_deadline_may_reach_3_march_2027_by_default():
    assert latest_deadline(date(2026, 12, 3), 3) == date(2027, 3, 3)


@pytest.mark.parametrize(("year", "wait", "expected"), [
    (2026, 0, date(2027, 1, 1)), (2026, 3, date(2027, 4, 1)), (2027, 11, date(2028, 12, 1))])
def test_the_final_check_of_a_year_opens_so_many_months_after_its_end(year, wait, expected):
    assert final_check_opens(year, wait) == expected
