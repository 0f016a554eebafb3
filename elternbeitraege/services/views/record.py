"""The administration's record as the office's administrator reads it: when, who, what, before and after — newest
first, 50 entries a page, only the own office's. A read view: it queries and never writes."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from ...models import AuditEntry, Facility, User, YouthOffice
from ..kernel.actor import Actor
from ..kernel.labels import FACILITY_KIND_LABELS, ROLE_LABELS
from ..kernel.scope import office_of

PAGE_SIZE = 50
SUBJECT_LABELS = {"user": "Konto", "facility": "Einrichtung", "office": "Jugendamt"}
ACTION_LABELS = {
    "created": "angelegt", "edited": "geändert", "deactivated": "deaktiviert", "reactivated": "wieder aktiviert",
    "invited": "eingeladen", "invitation_resent": "Einladung erneut gesendet",
    "password_reset_sent": "Link zum Zurücksetzen des Passworts gesendet", "role_changed": "Rolle geändert",
    "statute_assigned": "Satzung angewendet", "imported": "importiert",
}
FIELD_LABELS = {
    "name": "Name", "care_kind": "Art", "street": "Straße", "postcode_city": "PLZ und Ort",
    "number": "Einrichtungsnummer", "contact_name": "Ansprechperson", "contact_email": "E-Mail der Einrichtung",
    "contact_phone": "Telefon der Einrichtung", "active": "Zustand", "role": "Rolle", "email": "E-Mail",
    "facility": "Einrichtung", "statute": "Satzung", "valid_from": "gültig ab", "phone": "Telefon",
    "website": "Internetseite", "contact_person": "Ansprechperson", "court_name": "Verwaltungsgericht",
    "court_address": "Anschrift des Gerichts", "dpo_contact": "Datenschutz", "bank_name": "Bank", "iban": "IBAN",
    "bic": "BIC", "creditor_id": "Gläubiger-ID",
}
SYSTEM_ACTOR = "System (Befehl auf dem Server)"


@dataclass(frozen=True)
class Change:
    field: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class RecordLine:
    at: datetime
    who: str
    subject: str  # e.g. "Konto Anna Beispiel (anna@…)"
    action: str
    changes: list[Change]


@dataclass(frozen=True)
class RecordPage:
    office: YouthOffice
    lines: list[RecordLine]
    page: int
    pages: int
    total: int


def record_page(session: Session, actor: Actor, page: int = 1, office_id: int | None = None) -> RecordPage:
    """Return a page of the office's record, newest first; a page past the last shows the last."""
    office = office_of(session, actor, office_id)
    total = session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.office_id == office.id))
    total = total or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    entries = list(session.scalars(select(AuditEntry).options(joinedload(AuditEntry.actor))
                                   .where(AuditEntry.office_id == office.id)
                                   .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
                                   .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)))
    names = _subject_names(session, office, entries)
    lines = [RecordLine(entry.at, _who(entry), names.get((entry.subject, entry.subject_id),
                                                          f"{SUBJECT_LABELS.get(entry.subject, entry.subject)} "
                                                          f"{entry.subject_id}"),
                        ACTION_LABELS.get(entry.action, entry.action), _changes(entry))
             for entry in entries]
    return RecordPage(office, lines, page, pages, total)


def _who(entry: AuditEntry) -> str:
    if entry.actor is None:
        return SYSTEM_ACTOR
    role = ROLE_LABELS.get(entry.actor.role, "Betrieb" if entry.actor.role == "provider" else entry.actor.role)
    return f"{entry.actor.display_name} ({role})"


def _subject_names(session: Session, office: YouthOffice, entries: list[AuditEntry]) -> dict[tuple[str, int], str]:
    """Name each subject of the entries; only the office's own facilities and accounts are looked up."""
    user_ids = {entry.subject_id for entry in entries if entry.subject == "user"}
    facility_ids = {entry.subject_id for entry in entries if entry.subject == "facility"}
    names: dict[tuple[str, int], str] = {("office", office.id): f"Jugendamt {office.name}"
                                         if not office.name.startswith("Jugendamt") else office.name}
    for user in session.scalars(select(User).where(User.id.in_(user_ids), User.office_id == office.id)):
        names[("user", user.id)] = f"Konto {user.display_name} ({user.email})"
    for facility in session.scalars(select(Facility).where(Facility.id.in_(facility_ids),
                                                           Facility.office_id == office.id)):
        names[("facility", facility.id)] = f"Einrichtung {facility.name}"
    return names


def _changes(entry: AuditEntry) -> list[Change]:
    before, after = _values(entry.before), _values(entry.after)
    return [Change(FIELD_LABELS.get(name, name), _shown(name, before.get(name)), _shown(name, after.get(name)))
            for name in sorted({*before, *after}, key=lambda name: list(FIELD_LABELS).index(name)
                               if name in FIELD_LABELS else len(FIELD_LABELS))]


def _values(text: str) -> dict[str, str | None]:
    try:
        values = json.loads(text or "{}")
    except ValueError:
        return {}
    return values if isinstance(values, dict) else {}


def _shown(name: str, value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if name == "active":
        return {"True": "aktiv", "False": "deaktiviert"}.get(value, value)
    if name == "role":
        return ROLE_LABELS.get(value, value)
    if name == "care_kind":
        return FACILITY_KIND_LABELS.get(value, value)
    return value
