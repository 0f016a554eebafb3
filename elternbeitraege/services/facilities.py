"""What a facility may know of its children's fee cases: names, care and status — never income or amounts."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from ..models import FeeCase
from .actor import Actor
from .cases import visible_cases

FACILITY_STATUS = {
    "reported": "Eltern werden eingeladen",
    "invited": "Erklärung der Eltern ausstehend",
    "submitted": "In Bearbeitung beim Jugendamt",
    "documents_requested": "In Bearbeitung beim Jugendamt",
    "approved": "In Bearbeitung beim Jugendamt",
    "notice_issued": "In Bearbeitung beim Jugendamt",
    "facility_notified": "Erledigt – Beitragsbescheid erteilt",
}


@dataclass(frozen=True)
class ChildRow:
    """One line of the facility's list; it carries nothing the facility may not see."""

    case_id: int
    file_number: str
    child_name: str
    birth_date: date
    weekly_hours: int | None
    start_date: date
    status: str
    settled: bool


def children_of(session: Session, actor: Actor) -> list[ChildRow]:
    """Return the facility's children with their fee-case status in words."""
    cases = session.scalars(visible_cases(actor).order_by(FeeCase.start_date.desc(), FeeCase.id.desc())).all()
    return [
        ChildRow(case.id, case.file_number, case.child.full_name, case.child.birth_date, case.weekly_hours,
                 case.start_date, FACILITY_STATUS[case.status], case.status == "facility_notified")
        for case in cases
    ]
