"""Guards of the state machine: named functions that take the event's data and call a pure check.

The service passes the facts each guard reads as keyword arguments of the trigger
(see ``elternbeitraege/services/transitions.py``); a fact that is missing counts as "no".
"""
from __future__ import annotations

from datetime import date

from transitions import EventData

from . import checks


def _today(event: EventData) -> date:
    return event.kwargs.get("today") or date.today()


def declaration_complete(event: EventData) -> bool:
    """Allow only a declaration whose every task is done (or the accepted highest fee)."""
    return bool(event.kwargs.get("declaration_complete", False))


def declaration_overdue(event: EventData) -> bool:
    """Allow a reminder only after the invitation's deadline."""
    return checks.overdue(event.kwargs.get("declaration_due"), _today(event))


def reminder_expired(event: EventData) -> bool:
    """Allow the highest fee only after the reminder's deadline."""
    return checks.overdue(event.kwargs.get("reminder_due"), _today(event))


def documents_expired(event: EventData) -> bool:
    """Allow the highest fee only after the deadline for proofs."""
    return checks.overdue(event.kwargs.get("documents_due"), _today(event))


def deadline_in_future(event: EventData) -> bool:
    """Allow a request for proofs only with a deadline after today."""
    return checks.in_future(event.kwargs.get("deadline"), _today(event))


def deadline_within_span(event: EventData) -> bool:
    """Allow a deadline only within the span the office sets (so many months ahead)."""
    return checks.within_span(event.kwargs.get("deadline"), _today(event), event.kwargs.get("deadline_max_months"))


def income_year_over(event: EventData) -> bool:
    """Allow the final check only of an income year that is over, as long after its end as the office sets."""
    return checks.income_year_over(event.kwargs.get("income_year"), _today(event),
                                   event.kwargs.get("final_check_after_months"))


def proofs_sufficient(event: EventData) -> bool:
    """Allow an assessment only with the proofs it needs: always for a final one, for a provisional one
    where the office requires them."""
    data = event.kwargs
    return checks.proofs_sufficient(bool(data.get("final")), int(data.get("proof_count", 0)),
                                    bool(data.get("highest_accepted")), bool(data.get("proofs_before_provisional")))


def change_within_care(event: EventData) -> bool:
    """Allow a change only from the first of a month within the care contract."""
    data = event.kwargs
    return "start" in data and checks.within_care(data.get("change_from"), data["start"], data.get("end"))


def departure_after_start(event: EventData) -> bool:
    """Allow a departure only on or after the start of care (before it, the case is withdrawn)."""
    data = event.kwargs
    return "start" in data and checks.departure_after_start(data.get("departure"), data["start"])


def provisional(event: EventData) -> bool:
    """Allow the final check only of a provisionally assessed case."""
    return event.kwargs.get("assessment_kind") == "provisional"


def care_not_started(event: EventData) -> bool:
    """Allow a withdrawal only before care starts."""
    return "start" in event.kwargs and checks.care_not_started(event.kwargs["start"], _today(event))


def care_ended(event: EventData) -> bool:
    """Allow closing only after the last month of care."""
    return checks.care_ended(event.kwargs.get("end"), _today(event))


def reason_given(event: EventData) -> bool:
    """Allow reopening only with the reason written down."""
    return checks.reason_given(event.kwargs.get("comment"))


def not_finally_assessed(event: EventData) -> bool:
    """Allow correcting the declared income only while no final notice has settled it."""
    return event.kwargs.get("assessment_kind") != "final"
