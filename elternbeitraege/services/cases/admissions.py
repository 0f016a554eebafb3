"""A facility reports an admission: the case opens, and the parents are invited with an access code."""
from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from workflows import CaseState, Trigger

from ...fees import Statute
from ...fees.statute import EXACT
from ...models import CarePeriod, CaseEvent, Child, Facility, FeeCase, Household
from ..kernel.actor import SYSTEM, Actor
from ..kernel.errors import InvalidInput, NotFound
from ..kernel.uow import UnitOfWork
from ..notices import letters
from ..office.statutes import find_statute, no_statute_message
from .moves import move

log = logging.getLogger(__name__)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class Admission:
    """What a facility reports. ``None`` is a value not given, or one its form could not read (a draft)."""

    child_first_name: str | None
    child_last_name: str | None
    birth_date: date | None
    weekly_hours: int | None
    start_date: date | None
    parent1_first_name: str | None
    parent1_last_name: str | None
    parent2_first_name: str | None
    parent2_last_name: str | None
    street: str | None
    postcode: str | None
    city: str | None


# Whole weekly hours a place can be booked for at all (the case tables allow no others); a Kita books only
# its statute's tiers among them, a childminder whatever the contract says.
WEEKLY_HOURS = range(1, 61)
HOURS_OUT_OF_RANGE = (f"Geben Sie die Wochenstunden als ganze Zahl von {WEEKLY_HOURS.start} bis "
                      f"{WEEKLY_HOURS.stop - 1} an, wie im Betreuungsvertrag vereinbart.")
# What the letters and the worklist cannot do without.
MISSING = {
    "child_first_name": "Geben Sie den Vornamen des Kindes an.",
    "child_last_name": "Geben Sie den Nachnamen des Kindes an.",
    "birth_date": "Geben Sie das Geburtsdatum des Kindes an.",
    "weekly_hours": "Geben Sie die gebuchte Betreuungszeit an.",
    "start_date": "Geben Sie den Betreuungsbeginn an.",
    "parent1_first_name": "Geben Sie den Vornamen des ersten Elternteils an.",
    "parent1_last_name": "Geben Sie den Nachnamen des ersten Elternteils an.",
    "street": "Geben Sie Straße und Hausnummer an.",
    "postcode": "Geben Sie die Postleitzahl an.",
    "city": "Geben Sie den Ort an.",
}
# A second parent is named in full or not at all: the message stands at the name that is missing.
SECOND_PARENT_MISSING = {
    "parent2_first_name": "Geben Sie auch den Vornamen des zweiten Elternteils an – oder lassen Sie beide Namen leer.",
    "parent2_last_name": "Geben Sie auch den Nachnamen des zweiten Elternteils an – oder lassen Sie beide Namen leer.",
}


def new_access_code() -> str:
    """Return a random access code of 12 characters (60 bits), grouped for reading: ``K7QF-M2XP-9RTA``."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def hash_code(code: str) -> str:
    """Return the stored form of an access code, ignoring case, spaces and dashes."""
    normal = "".join(char for char in code.upper() if char.isalnum())
    return hashlib.sha256(normal.encode()).hexdigest()


def admission_problems(session: Session, actor: Actor, admission: Admission, today: date) -> dict[str, str]:
    """Return a message per field for what cannot be right in a (draft) admission of the actor's facility."""
    facility = _facility_of(session, actor)
    return _problems(admission, facility.care_kind, _statute_at_start(session, facility, admission), today)


def check_admission(admission: Admission, care_kind: str, statute: Statute | None, today: date) -> None:
    """Refuse an admission that cannot be right, with a message per field; ``statute``: the one at the start."""
    errors = _problems(admission, care_kind, statute, today)
    if errors:
        raise InvalidInput(errors)


def _statute_at_start(session: Session, facility: Facility, admission: Admission) -> Statute | None:
    if admission.start_date is None:
        return None
    return find_statute(session, facility.office, facility.care_kind, admission.start_date)


def _problems(admission: Admission, care_kind: str, statute: Statute | None, today: date) -> dict[str, str]:
    """Judge every value given, so that one answer names every problem at once."""
    errors = {name: message for name, message in MISSING.items() if getattr(admission, name) is None}
    errors |= second_parent_problems(admission.parent2_first_name, admission.parent2_last_name)
    checks = {
        "birth_date": _birth_problem(admission.birth_date, today),
        "start_date": _start_problem(admission, care_kind, statute, today),
        "weekly_hours": (hours_problem(statute, care_kind, admission.weekly_hours)
                         if admission.weekly_hours is not None else None),
    }
    return errors | {name: message for name, message in checks.items() if message}


def _birth_problem(birth: date | None, today: date) -> str | None:
    if birth is None:
        return None
    if birth > today:
        return "Das Geburtsdatum darf nicht in der Zukunft liegen."
    if birth < _years_before(today, 12):
        return "Das Kind ist älter als 12 Jahre. Prüfen Sie das Geburtsdatum."
    return None


def _years_before(day: date, years: int) -> date:
    """Return the same day so many years before; 29 February becomes the 28th in a year without it."""
    return day.replace(year=day.year - years, day=28 if (day.month, day.day) == (2, 29) else day.day)


def _start_problem(admission: Admission, care_kind: str, statute: Statute | None, today: date) -> str | None:
    start, birth = admission.start_date, admission.birth_date
    if start is None:
        return None
    if birth is not None and start < birth:
        return "Der Betreuungsbeginn muss nach dem Geburtsdatum liegen."
    if start < today - timedelta(days=366):
        return "Der Betreuungsbeginn liegt mehr als ein Jahr zurück. Prüfen Sie das Datum."
    if statute is None:
        return (f"{no_statute_message(care_kind, start)} Die Aufnahme kann erst gemeldet werden, wenn das "
                "Jugendamt eine Satzung festgelegt hat. Wenden Sie sich an das Jugendamt.")
    return None


def second_parent_problems(first_name: str | None, last_name: str | None) -> dict[str, str]:
    """Return the message for a second parent named by only one of the two names, at the name missing."""
    if bool(first_name) == bool(last_name):
        return {}
    missing = "parent2_last_name" if first_name else "parent2_first_name"
    return {missing: SECOND_PARENT_MISSING[missing]}


def hours_problem(statute: Statute | None, care_kind: str, hours: int) -> str | None:
    """Return what is wrong with booked weekly hours, or None: whole hours in ``WEEKLY_HOURS``, and for a
    care kind the statute books exactly (Kita) one of its tiers; other hours the statute maps to a tier."""
    if hours not in WEEKLY_HOURS:
        return HOURS_OUT_OF_RANGE
    if statute is not None and statute.hour_mappings.get(care_kind) == EXACT and hours not in statute.hour_tiers:
        return f"Wählen Sie {german_list(statute.hour_tiers)} Wochenstunden."
    return None


def german_list(numbers: tuple[int, ...]) -> str:
    """Return numbers as German lists them: ``25, 35 oder 45``."""
    words = [str(number) for number in numbers]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} oder {words[-1]}"


def care_kind_of(session: Session, actor: Actor) -> str:
    """Return the care kind of the actor's facility (which hours its admission form asks for)."""
    return _facility_of(session, actor).care_kind


def _facility_of(session: Session, actor: Actor) -> Facility:
    facility = session.get(Facility, actor.facility_id) if actor.role == "facility" else None
    if facility is None:
        raise NotFound("facility")
    return facility


def report_admission(uow: UnitOfWork, actor: Actor, admission: Admission, code: str | None = None) -> FeeCase:
    """Open a fee case for the facility's new child and invite the parents; commit both or nothing."""
    session, today, public_url = uow.session, uow.today, uow.public_url
    facility = _facility_of(session, actor)
    statute = _statute_at_start(session, facility, admission)
    check_admission(admission, facility.care_kind, statute, today)
    case = _open_case(session, facility, admission, statute, today)
    session.add(CaseEvent(case=case, user_id=actor.user_id, role=actor.role, trigger=Trigger.REPORT,
                          from_state=None, to_state=CaseState.REPORTED))
    invite(session, case, public_url, today, code)
    uow.commit()
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
        weekly_hours=admission.weekly_hours, start_date=admission.start_date, status=CaseState.REPORTED,
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
    move(session, case, Trigger.INVITE, SYSTEM, today)
    return code


def case_by_code(session: Session, code: str) -> FeeCase | None:
    """Return the case an access code opens, if any."""
    return session.scalars(select(FeeCase).where(FeeCase.access_code_hash == hash_code(code))).first()
