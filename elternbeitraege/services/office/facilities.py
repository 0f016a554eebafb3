"""The administrator's commands on the office's facilities (Kitas, childminders, OGS schools): create and edit one,
deactivate and reactivate it.

The administrator acts in the own office only, the system (a command on the server) in the office it names; any
other facility id is ``NotFound``. A deactivated facility's accounts cannot sign in and it reports no new children;
its cases stay with the office as they are. Every change is recorded with its values before and after.
"""
from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Facility
from ...models.office import CARE_KINDS
from ..kernel.actor import Actor
from ..kernel.errors import InvalidInput, NotFound
from ..kernel.scope import office_of
from ..kernel.uow import UnitOfWork
from . import audit
from .offices import is_address

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FacilityDetails:
    """What the office keeps of a facility, as typed (the contact is optional)."""

    name: str
    care_kind: str
    street: str
    postcode_city: str
    number: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""


FIELDS = tuple(FacilityDetails.__dataclass_fields__)
SIZES = {"name": 200, "care_kind": 20, "street": 200, "postcode_city": 200, "number": 30, "contact_name": 200,
         "contact_email": 254, "contact_phone": 50}
REQUIRED = {
    "name": "Geben Sie den Namen der Einrichtung an, zum Beispiel Kita Sonnenblume.",
    "care_kind": "Wählen Sie aus, welche Art der Betreuung die Einrichtung anbietet.",
    "street": "Geben Sie Straße und Hausnummer der Einrichtung an, zum Beispiel Lindenweg 4.",
    "postcode_city": "Geben Sie Postleitzahl und Ort der Einrichtung an, zum Beispiel 33330 Musterstadt.",
}
WHAT = {"name": "den Namen", "street": "Straße und Hausnummer", "postcode_city": "Postleitzahl und Ort",
        "number": "die Einrichtungsnummer", "contact_name": "den Namen der Ansprechperson",
        "contact_email": "die E-Mail-Adresse", "contact_phone": "die Telefonnummer"}
WRONG = {
    "care_kind": "Wählen Sie eine der angebotenen Betreuungsarten aus: Kita, Kindertagespflege oder OGS.",
    "postcode_city": "Geben Sie erst die fünfstellige Postleitzahl an, dann den Ort, zum Beispiel 33330 Musterstadt.",
    "number": "Geben Sie die Einrichtungsnummer nur mit Buchstaben, Ziffern, Punkt, Bindestrich und Schrägstrich an, "
              "wie das Land sie vergeben hat.",
    "contact_email": "Geben Sie die E-Mail-Adresse mit @ und Domain an, zum Beispiel kita@musterstadt.de.",
    "contact_phone": "Geben Sie die Telefonnummer nur mit Ziffern, Leerzeichen und + - / ( ) an, zum Beispiel "
                     "05241 123-456.",
}
ALREADY = {True: "Die Einrichtung ist schon aktiv.", False: "Die Einrichtung ist schon deaktiviert."}



FORMATS = {
    "care_kind": lambda text: text in CARE_KINDS,
    "postcode_city": lambda text: re.fullmatch(r"[0-9]{5} \S.*", text) is not None,
    "number": lambda text: re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z./\- ]*", text) is not None,
    "contact_email": is_address,
    "contact_phone": lambda text: (re.fullmatch(r"[0-9 +\-/()]+", text) is not None
                                   and any(char.isdigit() for char in text)),
}


def tidied(details: FacilityDetails) -> FacilityDetails:
    """Return the details with single spaces and the e-mail address in lower case."""
    values = {name: " ".join(str(value or "").split()) for name, value in asdict(details).items()}
    values["contact_email"] = values["contact_email"].lower()
    return FacilityDetails(**values)


def facility_problems(details: FacilityDetails) -> dict[str, str]:
    """Return a German message for each value that is missing, too long or not in its form."""
    problems = {}
    for name, value in asdict(tidied(details)).items():
        if not value:
            if name in REQUIRED:
                problems[name] = REQUIRED[name]
        elif name in FORMATS and not FORMATS[name](value):
            problems[name] = WRONG[name]
        elif len(value) > SIZES[name]:
            problems[name] = f"Kürzen Sie {WHAT[name]} auf höchstens {SIZES[name]} Zeichen."
    return problems


def details_of(facility: Facility) -> FacilityDetails:
    """Return what the office keeps of a facility."""
    return FacilityDetails(**{name: getattr(facility, name) for name in FIELDS})


def office_facility(session: Session, actor: Actor, facility_id: int, office_id: int | None = None) -> Facility:
    """Return a facility of the administrator's own office (or the office the system names); else NotFound."""
    office = office_of(session, actor, office_id)
    facility = session.scalar(select(Facility).where(Facility.id == facility_id, Facility.office_id == office.id))
    if facility is None:
        raise NotFound("facility")
    return facility


def _checked(details: FacilityDetails) -> FacilityDetails:
    details = tidied(details)
    problems = facility_problems(details)
    if problems:
        raise InvalidInput(problems)
    return details


def create_facility(uow: UnitOfWork, actor: Actor, details: FacilityDetails, office_id: int | None = None
                    ) -> Facility:
    """Add an active facility to the office; refuse missing or malformed values in German."""
    office = office_of(uow.session, actor, office_id)
    details = _checked(details)
    with uow.writing():
        facility = Facility(office_id=office.id, active=True, **asdict(details))
        uow.session.add(facility)
        uow.session.flush()
        audit.record(uow.session, actor, office.id, "facility", facility.id, "created", None, asdict(details))
    log.info("facility %s created in office %s by user %s", facility.id, office.id, actor.user_id)
    return facility


def edit_facility(uow: UnitOfWork, actor: Actor, facility_id: int, details: FacilityDetails,
                  office_id: int | None = None) -> Facility:
    """Change a facility's name, care kind, address, number or contact; its cases stay as they are."""
    facility = office_facility(uow.session, actor, facility_id, office_id)
    details = _checked(details)
    before = details_of(facility)
    with uow.writing():
        for name in FIELDS:
            setattr(facility, name, getattr(details, name))
        audit.record(uow.session, actor, facility.office_id, "facility", facility.id, "edited", asdict(before),
                     asdict(details))
    log.info("facility %s edited by user %s", facility.id, actor.user_id)
    return facility


def set_facility_active(uow: UnitOfWork, actor: Actor, facility_id: int, active: bool,
                        office_id: int | None = None) -> Facility:
    """Deactivate a facility (its accounts cannot sign in, it reports no new children; its cases stay with the
    office) or reactivate it."""
    facility = office_facility(uow.session, actor, facility_id, office_id)
    if facility.active == active:
        raise InvalidInput({"facility": ALREADY[active]})
    with uow.writing():
        facility.active = active
        audit.record(uow.session, actor, facility.office_id, "facility", facility.id,
                     "reactivated" if active else "deactivated", {"active": not active}, {"active": active})
    log.info("facility %s %s by user %s", facility.id, "reactivated" if active else "deactivated", actor.user_id)
    return facility
