"""Calendar months as a small value type, and the Kita year derived from them."""
from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

GERMAN_MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month, e.g. ``Month(2025, 8)``."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")

    @classmethod
    def of(cls, day: date) -> Month:
        """Return the month a day falls in."""
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, text: str) -> Month:
        """Parse ``YYYY-MM``."""
        year, _, month = text.partition("-")
        return cls(int(year), int(month))

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def kita_year_end(self) -> Month:
        """Return July of the Kita year (1 August to 31 July) this month belongs to."""
        return Month(self.year + 1 if self.month >= 8 else self.year, 7)

    def next(self) -> Month:
        """Return the following month."""
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    def until(self, last: Month) -> Iterator[Month]:
        """Yield this month and every following one up to ``last`` inclusive."""
        current = self
        while current <= last:
            yield current
            current = current.next()

    @property
    def ordinal(self) -> int:
        """Return a running number of the month: consecutive months differ by one."""
        return self.year * 12 + self.month - 1

    @classmethod
    def from_ordinal(cls, ordinal: int) -> Month:
        """Return the month with this running number (shared instances, they are immutable)."""
        month = _BY_ORDINAL.get(ordinal)
        if month is None:
            month = _BY_ORDINAL[ordinal] = cls(ordinal // 12, ordinal % 12 + 1)
        return month

    @property
    def school_year(self) -> int:
        """Return the year the Kita or school year (1 August to 31 July) of this month starts in."""
        return self.year if self.month >= 8 else self.year - 1

    def label(self) -> str:
        """Return the German name, e.g. ``August 2025``."""
        return f"{GERMAN_MONTHS[self.month - 1]} {self.year}"

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


_BY_ORDINAL: dict[int, Month] = {}


def school_year_label(start_year: int) -> str:
    """Return a school year in words, e.g. ``2024/25``."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"
