"""Pure checks behind the guards: plain values in, yes or no out; nothing here knows the machine."""
from __future__ import annotations

from calendar import monthrange
from datetime import date


def overdue(due: date | None, today: date) -> bool:
    """Tell whether a deadline has passed: the day after it, not on the day itself."""
    return due is not None and today > due


def in_future(deadline: date | None, today: date) -> bool:
    """Tell whether a deadline lies after today."""
    return deadline is not None and deadline > today


def months_later(day: date, months: int) -> date:
    """Return the same day ``months`` calendar months later; the 31st becomes the last day of a shorter month."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def latest_deadline(today: date, span_months: int) -> date:
    """Return the last day a deadline set today may fall on: ``span_months`` months ahead."""
    return months_later(today, span_months)


def within_span(deadline: date | None, today: date, span_months: int | None) -> bool:
    """Tell whether a deadline lies no later than the office's span allows, counted from today."""
    return deadline is not None and span_months is not None and deadline <= latest_deadline(today, span_months)


def final_check_opens(year: int, months_after: int) -> date:
    """Return the first day a final check of an income year may start: ``months_after`` months after its end."""
    return months_later(date(year + 1, 1, 1), months_after)


def income_year_over(year: int | None, today: date, months_after: int | None) -> bool:
    """Tell whether an income year is over, and long enough for its tax assessment to exist."""
    return year is not None and months_after is not None and today >= final_check_opens(year, months_after)


def proofs_sufficient(final: bool, proof_count: int, highest_accepted: bool, proofs_before_provisional: bool) -> bool:
    """Tell whether the proofs allow the assessment: a final one needs proofs unless the highest fee is accepted;
    a provisional one needs them only where the office says so."""
    if highest_accepted:
        return True
    if final or proofs_before_provisional:
        return proof_count > 0
    return True


def within_care(change_from: date | None, start: date, end: date | None) -> bool:
    """Tell whether a change applies from the first of a month within the care contract."""
    if change_from is None or change_from.day != 1:
        return False
    first_month = start.replace(day=1)
    return change_from >= first_month and (end is None or change_from <= end)


def departure_after_start(departure: date | None, start: date) -> bool:
    """Tell whether a departure date lies on or after the start of care."""
    return departure is not None and departure >= start


def care_not_started(start: date, today: date) -> bool:
    """Tell whether care has not yet begun."""
    return today < start


def care_ended(end: date | None, today: date) -> bool:
    """Tell whether the last month of care is over: the case can be closed from the first of the next month."""
    if end is None:
        return False
    next_month = date(end.year + end.month // 12, end.month % 12 + 1, 1)
    return today >= next_month


def reason_given(comment: str | None) -> bool:
    """Tell whether a reason is written down."""
    return bool(comment and comment.strip())
