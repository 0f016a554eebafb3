"""A facility reports an admission: the case opens, and the parents are invited with an access code."""
from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..fees import Statute
from ..fees.statute import EXACT
from ..models import CarePeriod, CaseEvent, Child, Facility, FeeCase, Household
from . import letters
from .actor import SYSTEM, Actor
from .errors import InvalidInput, NotFound
from .statutes import find_statute, no_statute_message
from .transitions import move

log = logging.getLogger(__name__)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class Admission:
    child_first_name: str
    child_last_name: str
    birth_date: date
    weekly_hours: int
    start_date: date
    parent1_first_name: str
    parent1_last_name: str
    parent2_first_name: str | None
    parent2_last_name: str | None
    street: str
    postcode: str
    city: str


def new_access_code() -> str:
    """Return a random access code of 12 characters (60 bits), grouped for reading: ``K7QF-M2XP-9RTA``."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def hash_code(code: str) -> str:
    """Return the stored form of an access code, ignoring case, spaces and dashes."""
    normal = "".join(char for char in code.upper() if char.isalnum())
    return hashlib.sha256(normal.encode()).hexdigest()


def check_admission(admission: Admission, care_kind: str, statute: Statute | None, today: date) -> None:
    """Refuse an admission that cannot be right, with a message per field; ``statute``: the one at the start."""
    errors = {}
    if admission.birth_date > today:
        errors["birth_date"] = "Das Geburtsdatum darf nicht in der Zukunft liegen."
    elif admission.birth_date < today.replace(year=today.year - 12):
        errors["birth_date"] = "Das Kind ist älter als 12 Jahre. Prüfen Sie das Geburtsdatum."
    if admission.start_date < admission.birth_date:
        errors["start_date"] = "Der Betreuungsbeginn muss nach dem Geburtsdatum liegen."
    elif admission.start_date < today - timedelta(days=366):
        errors["start_date"] = "Der Betreuungsbeginn liegt mehr als ein Jahr zurück. Prüfen Sie das Datum."
    elif statute is None:
        errors["start_date"] = (f"{no_statute_message(care_kind, admission.start_date)} Die Aufnahme kann erst "
                                "gemeldet werden, wenn das Jugendamt eine Satzung festgelegt hat. Wenden Sie sich "
                                "an das Jugendamt.")
    if statute is not None and hours_problem(statute, care_kind, admission.weekly_hours):
        errors["weekly_hours"] = f"Wählen Sie {', '.join(map(str, statute.hour_tiers))} Wochenstunden."
    if errors:
        raise InvalidInput(errors)


def hours_problem(statute: Statute, care_kind: str, hours: int) -> bool:
    """Tell whether the statute books only its own tiers for this care kind (Kita) and the hours are none of them."""
    return statute.hour_mappings.get(care_kind) == EXACT and hours not in statute.hour_tiers


def report_admission(session: Session, actor: Actor, admission: Admission, public_url: str, today: date,
                     code: str | None = None) -> FeeCase:
    """Open a fee case for the facility's new child and invite the parents; commit both or nothing."""
    facility = session.get(Facility, actor.facility_id)
    if facility is None or actor.role != "facility":
        raise NotFound("facility")
    statute = find_statute(session, facility.office, facility.care_kind, admission.start_date)
    check_admission(admission, facility.care_kind, statute, today)
    case = _open_case(session, facility, admission, statute, today)
    session.add(CaseEvent(case=case, user_id=actor.user_id, role=actor.role, trigger="report",
                          from_state=None, to_state="reported"))
    invite(session, case, public_url, today, code)
    session.commit()
    log.info("case %s reported by user %s", case.id, actor.user_id)
    return case


def _open_case(session: Session, facility: Facility, admission: Admission, statute: Statute, today: date
               ) -> FeeCase:
    household = Household(
        office_id=facility.office_id, parent1_first_name=admission.parent1_first_name,
        parent1_last_name=admission.parent1_last_name, parent2_first_name=admission.parent2_first_name,
        parent2_last_name=admission.parent2_last_name, street=admission.street,
        postcode=admission.postcode, city=admission.city,
    )
    child = Child(household=household, first_name=admission.child_first_name,
                  last_name=admission.child_last_name, birth_date=admission.birth_date)
    placeholder = secrets.token_hex(8)
    case = FeeCase(
        office_id=facility.office_id, facility=facility, household=household, child=child,
        file_number=placeholder, cash_reference=placeholder, care_kind=facility.care_kind,
        weekly_hours=admission.weekly_hours, start_date=admission.start_date, status="reported",
        statute_id=statute.id,
    )
    case.care_periods.append(CarePeriod(valid_from=admission.start_date, weekly_hours=admission.weekly_hours))
    session.add(case)
    session.flush()
    case.file_number = f"51-EB-{today.year}-{case.id:05d}"
    case.cash_reference = f"5.{facility.office_id:02d}.{case.id:07d}"
    return case


def invite(session: Session, case: FeeCase, public_url: str, today: date, code: str | None = None) -> str:
    """Give the case an access code (fresh unless given), store the invitation letter, mark the case invited."""
    code = code or new_access_code()
    case.access_code_hash = hash_code(code)
    case.declaration_due = today + timedelta(days=case.office.declaration_days)
    content = letters.invitation(case, code, public_url, today)
    letters.store(session, case, "invitation", content, f"Einladung-{case.file_number}.pdf", today)
    move(session, case, "invite", SYSTEM, today)
    return code


def case_by_code(session: Session, code: str) -> FeeCase | None:
    """Return the case an access code opens, if any."""
    return session.scalars(select(FeeCase).where(FeeCase.access_code_hash == hash_code(code))).first()
