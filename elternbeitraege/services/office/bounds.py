"""The office's bounds on deadlines and on the final check, and how the clerk is told about them.

A deadline lies after today and no further ahead than the office's span (``deadline_max_months``).
A final check asks for the proofs of an income year only once that year is over, and as many
months after its end as the office sets (``final_check_after_months``): by then the tax
assessment can exist. The rules themselves are the workflow's pure checks.
"""
from __future__ import annotations

from datetime import date, timedelta

from workflows.checks import final_check_opens, in_future, income_year_over, latest_deadline, within_span

from ...models import YouthOffice

NOT_AFTER_TODAY = "Die Frist muss nach dem heutigen Tag liegen."
NOTHING_TO_CHECK = "Für diesen Fall gibt es keine vorläufige Festsetzung, deren Einkommen geprüft werden könnte."


def months_text(months: int) -> str:
    """Return a number of months in German words ("1 Monat", "3 Monate")."""
    return "1 Monat" if months == 1 else f"{months} Monate"


def latest_deadline_of(office: YouthOffice, today: date) -> date:
    """Return the last day a deadline set today may fall on in this office."""
    return latest_deadline(today, office.deadline_max_months)


def deadline_problem(office: YouthOffice, deadline: date, today: date) -> str | None:
    """Return why a deadline cannot be set today, naming the bound, or None when it can."""
    if not in_future(deadline, today):
        return NOT_AFTER_TODAY
    if not within_span(deadline, today, office.deadline_max_months):
        return (f"Die Frist darf höchstens {months_text(office.deadline_max_months)} nach dem heutigen Tag "
                f"liegen, also spätestens am {latest_deadline_of(office, today):%d.%m.%Y}.")
    return None


def final_check_problem(office: YouthOffice, year: int | None, today: date) -> str | None:
    """Return why the final check of an income year cannot start today, or None when it can."""
    if year is None:
        return NOTHING_TO_CHECK
    if income_year_over(year, today, office.final_check_after_months):
        return None
    opens = final_check_opens(year, office.final_check_after_months)
    wait = (f" und Ihr Jugendamt prüft erst {months_text(office.final_check_after_months)} nach seinem Ende, wenn "
            "der Steuerbescheid vorliegen kann" if office.final_check_after_months else "")
    return (f"Die endgültige Prüfung des Einkommensjahres {year} ist erst ab dem {opens:%d.%m.%Y} möglich: "
            f"Das Jahr muss vorbei sein{wait}.")


def final_check_deadline(office: YouthOffice, today: date) -> date:
    """Return the deadline for the proofs of a final check started today: the office's days, within its span."""
    return min(today + timedelta(days=office.documents_days), latest_deadline_of(office, today))
