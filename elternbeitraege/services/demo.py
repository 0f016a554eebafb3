"""Demo data: the fictional Jugendamt Musterstadt with two Kitas, a childminder, staff and one invited household."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Facility, OfficeStatute, User, YouthOffice
from .accounts.users import new_user
from .cases.admissions import Admission, report_admission
from .kernel.actor import Actor
from .kernel.uow import UnitOfWork

DEMO_PASSWORD = "Demo-Musterstadt-2024"
DEMO_CODE = "DEMO-KITA-2345"
DEMO_STATUTE = "kreis-guetersloh-2024"
DEMO_STATUTE_FROM = date(2024, 8, 1)


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str


def is_empty(session: Session) -> bool:
    """Tell whether the database holds no youth office yet."""
    return not session.scalar(select(func.count()).select_from(YouthOffice))


def seed_demo(session: Session, public_url: str, today: date) -> list[DemoLogin]:
    """Load the demo office, facilities, users and one invited household; return the logins."""
    office = YouthOffice(
        name="Jugendamt Musterstadt", street="Rathausplatz 1", postcode_city="33330 Musterstadt",
        phone="05241 123-456", email="elternbeitraege@musterstadt.example", website="www.musterstadt.example",
        court_name="Verwaltungsgericht Minden", court_address="Königswall 8, 32423 Minden",
        dpo_contact="Datenschutzbeauftragte der Stadt Musterstadt, Rathausplatz 1, 33330 Musterstadt, "
                    "datenschutz@musterstadt.example",
        bank_name="Sparkasse Musterstadt", iban="DE89370400440532013000", bic="COBADEFFXXX",
        creditor_id="DE98ZZZ09999999999",
    )
    facilities = [
        Facility(office=office, name="Kita Sonnenblume", care_kind="kita", street="Blumenweg 3",
                 postcode_city="33330 Musterstadt"),
        Facility(office=office, name="Kita Regenbogen", care_kind="kita", street="Am Park 12",
                 postcode_city="33330 Musterstadt"),
        Facility(office=office, name="Kindertagespflege Petra Beispiel", care_kind="childminder",
                 street="Lindenstraße 7", postcode_city="33330 Musterstadt"),
    ]
    session.add_all([office, *facilities])
    session.flush()
    session.add(OfficeStatute(office_id=office.id, statute_id=DEMO_STATUTE, valid_from=DEMO_STATUTE_FROM))
    staff = [
        ("clerk", "sachbearbeitung@musterstadt.example", "Sabine Sachbearbeiterin", {"office_id": office.id}),
        ("admin", "verwaltung@musterstadt.example", "Anton Administrator", {"office_id": office.id}),
    ] + [
        ("facility", f"{key}@musterstadt.example", facility.name, {"office_id": office.id, "facility_id": facility.id})
        for key, facility in zip(("kita-sonnenblume", "kita-regenbogen", "tagespflege"), facilities, strict=True)
    ]
    users = [new_user(email, DEMO_PASSWORD, name, role, **scope) for role, email, name, scope in staff]
    session.add_all(users)
    UnitOfWork(session, today, public_url).commit()
    _invite_demo_household(session, users[2], public_url, today)
    return [DemoLogin(user.role, user.email, DEMO_PASSWORD) for user in users]


def _invite_demo_household(session: Session, facility_user: User, public_url: str, today: date) -> None:
    start = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    admission = Admission(
        child_first_name="Mia", child_last_name="Muster", birth_date=date(today.year - 2, 5, 10),
        weekly_hours=35, start_date=start, parent1_first_name="Maria", parent1_last_name="Muster",
        parent2_first_name="Max", parent2_last_name="Muster", street="Gartenstraße 5", postcode="33330",
        city="Musterstadt",
    )
    report_admission(UnitOfWork(session, today, public_url), Actor.of(facility_user), admission, code=DEMO_CODE)
