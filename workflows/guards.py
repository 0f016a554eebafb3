"""Guards of the state machine: named checks that read the event's data and decide."""
from __future__ import annotations

from datetime import date

from transitions import EventData


def declaration_complete(event: EventData) -> bool:
    """Allow only a declaration whose every task is done."""
    return bool(event.kwargs.get("declaration_complete", False))


def deadline_in_future(event: EventData) -> bool:
    """Allow a proof request only with a deadline after today."""
    deadline: date | None = event.kwargs.get("deadline")
    today: date = event.kwargs.get("today") or date.today()
    return deadline is not None and deadline > today
