"""Moving a case through the workflow: the facts the guards read, the event every move writes, the next deadline.

Every state change goes through ``move``; the caller owns the transaction and commits the move
together with everything it causes.
"""
from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from workflows import CaseState, TransitionRefused, fire, offered

from ...models import CaseEvent, FeeCase, utcnow
from ..kernel.actor import Actor
from ..kernel.errors import Conflict

log = logging.getLogger(__name__)

REFUSED = "Dieser Schritt ist im aktuellen Stand des Falls nicht möglich."


def facts(case: FeeCase, today: date) -> dict[str, Any]:
    """Return what the guards may read of a case: its dates, deadlines, kind of assessment and the office's bounds."""
    return {
        "today": today, "start": case.start_date, "end": case.end_date,
        "declaration_due": case.declaration_due, "reminder_due": case.reminder_due,
        "documents_due": case.documents_due, "assessment_kind": case.assessment_kind,
        "proofs_before_provisional": case.office.proofs_before_provisional,
        "deadline_max_months": case.office.deadline_max_months,
        "final_check_after_months": case.office.final_check_after_months,
    }


def move(session: Session, case: FeeCase, trigger: str, actor: Actor, today: date, comment: str | None = None,
         **data: Any) -> None:
    """Fire a trigger on the case as the actor, record the event and the next deadline; the caller commits."""
    before = case.status
    try:
        case.status = fire(before, trigger, actor.role, **(facts(case, today) | data | {"comment": comment}))
    except TransitionRefused as error:
        log.info("case %s: %s refused for %s in %s (%s)", case.id, trigger, actor.role, before, error)
        raise Conflict(REFUSED) from error
    if case.status != before:
        case.status_since = utcnow()
    case.due_on = next_due(case)
    session.add(CaseEvent(case=case, user_id=actor.user_id, role=actor.role, trigger=trigger,
                          from_state=before, to_state=case.status, comment=comment))
    log.info("case %s: %s by %s (%s → %s)", case.id, trigger, actor.role, before, case.status)


def next_due(case: FeeCase) -> date | None:
    """Return the date by which something must happen next in the case's state."""
    return {
        CaseState.INVITED: case.declaration_due,
        CaseState.REMINDED: case.reminder_due,
        CaseState.DOCUMENTS_REQUESTED: case.documents_due,
        CaseState.FACILITY_NOTIFIED: case.end_date,
    }.get(case.status)


def actions(case: FeeCase, actor: Actor, today: date, **data: Any) -> tuple[str, ...]:
    """Return the triggers the actor may fire on the case now (``may_<trigger>``), for the buttons to show;
    what the actor has still to type in the act's form (a date, a reason) is taken as valid."""
    return offered(case.status, actor.role, **(facts(case, today) | typed_later(case, today) | data))


def typed_later(case: FeeCase, today: date) -> dict[str, Any]:
    """Return valid stand-ins for the inputs an act's form asks for, so that only the case decides the offer."""
    return {"deadline": today + timedelta(days=1),
            "change_from": max(case.start_date.replace(day=1), today.replace(day=1)),
            "departure": max(case.start_date, today), "comment": "…"}
