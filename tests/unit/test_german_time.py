"""Stored moments are UTC; people read them in the time of Germany, winter or summer time, with the zone named."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from elternbeitraege.formatting import breakable
from elternbeitraege.services.kernel.labels import german_date, german_datetime, german_day


@pytest.mark.parametrize(("stored", "shown"), [
    (datetime(2026, 12, 3, 15, 5, tzinfo=UTC), "03.12.2026, 16:05 Uhr (MEZ)"),
    (datetime(2026, 7, 3, 14, 5, tzinfo=UTC), "03.07.2026, 16:05 Uhr (MESZ)"),
    (datetime(2026, 3, 29, 0, 59, tzinfo=UTC), "29.03.2026, 01:59 Uhr (MEZ)"),  # the last minute of winter time
    (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), "29.03.2026, 03:00 Uhr (MESZ)"),  # the clocks go forward
    (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "25.10.2026, 02:30 Uhr (MESZ)"),  # 02:30 happens twice ...
    (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "25.10.2026, 02:30 Uhr (MEZ)"),  # ... once in each zone
])
def test_a_stored_moment_is_shown_in_german_time_with_its_zone(stored, shown):
    assert german_datetime(stored) == shown


def test_a_moment_the_database_returns_without_a_zone_is_read_as_the_utc_it_was_stored_in():
    assert german_datetime(datetime(2026, 12, 3, 15, 5)) == "03.12.2026, 16:05 Uhr (MEZ)"


def test_the_day_of_a_late_evening_moment_is_the_german_day_not_the_utc_day():
    new_year = datetime(2025, 12, 31, 23, 30, tzinfo=UTC)
    assert german_day(new_year) == date(2026, 1, 1)
    assert german_date(new_year) == "01.01.2026"


def test_a_day_stays_the_day_it_is():
    assert german_date(date(2026, 1, 1)) == "01.01.2026"


def test_a_file_name_may_wrap_after_its_separators_and_is_escaped():
    assert str(breakable("scan_<b>.pdf")) == "scan_<wbr>&lt;b&gt;.<wbr>pdf"
