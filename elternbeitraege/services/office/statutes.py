"""The statutes the app knows (shipped and imported) and which one an office applies from when."""
from __future__ import annotations

import functools
import hashlib
import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ... import files
from ...fees import Month, Statute, StatuteBook, StatuteError, parse_statute_file, shipped_statutes
from ...models import OfficeStatute, StatuteFile, YouthOffice
from ..kernel.actor import Actor
from ..kernel.errors import InvalidInput, NotFound
from ..kernel.labels import CARE_KIND_LABELS, file_size
from ..kernel.scope import office_of
from ..kernel.uow import UnitOfWork

log = logging.getLogger(__name__)

SHIPPED, IMPORTED = "shipped", "imported"
ORIGIN_LABELS = {SHIPPED: "mitgeliefert", IMPORTED: "importiert"}
MAX_ID_LENGTH = 100
_parsed: dict[str, Statute] = {}  # sha256 of an imported file's text → its statute


@dataclass(frozen=True)
class Imported:
    statute: Statute
    new: bool  # False: the same file was there already and nothing changed


@dataclass(frozen=True)
class KnownStatute:
    statute: Statute
    origin: str  # SHIPPED or IMPORTED


@dataclass(frozen=True)
class Assignment:
    """One entry of an office's schedule with its statute (None if the app no longer knows the id)."""

    entry: OfficeStatute
    statute: Statute | None


class NoStatute(InvalidInput):
    """No statute of the office applies to a care kind on a day."""


@functools.cache
def _shipped() -> dict[str, Statute]:
    return {statute.id: statute for statute in shipped_statutes()}


def _parse(file_name: str, text: str, sha256: str) -> Statute:
    if sha256 not in _parsed:
        _parsed[sha256] = parse_statute_file(file_name, text)
    return _parsed[sha256]


def _stored(file: StatuteFile) -> Statute | None:
    try:
        return _parse(file.file_name, file.text, file.sha256)
    except StatuteError:
        log.exception("imported statute %s can no longer be read", file.statute_id)
        return None


def decode_statute_file(content: bytes, max_bytes: int) -> str:
    """Return the text of an uploaded statute file; refuse an empty, too large or non-UTF-8 file in German."""
    if not content.strip():
        raise InvalidInput({"file": "Die ausgewählte Datei ist leer. Wählen Sie die Satzungsdatei aus."})
    if len(content) > max_bytes:
        raise InvalidInput({"file": f"Die Datei ist größer als {file_size(max_bytes)}. Eine Satzungsdatei "
                                    "ist viel kleiner – prüfen Sie, ob Sie die richtige Datei gewählt haben."})
    not_utf8 = InvalidInput({"file": "Die Datei ist keine Textdatei in UTF-8. Speichern Sie die Satzungsdatei "
                                     "als TOML-Datei in UTF-8 und laden Sie sie erneut hoch."})
    if b"\x00" in content:  # UTF-16 (even without its mark) and binary files; UTF-8 text holds no zero byte
        raise not_utf8
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise not_utf8 from None


def import_statute(uow: UnitOfWork, actor: Actor | None, file_name: str, text: str,
                   bounds: files.Bounds | None = None) -> Imported:
    """Check a statute file and keep it; the same file again changes nothing, another with a known id is refused.

    The file is parsed first in the bounded reader process (``files.check_statute``), so that no crafted
    file can hang or exhaust the worker; only a file that passes there is parsed here again.
    """
    session = uow.session
    if actor is not None and actor.role not in ("admin", "system"):
        raise NotFound("statutes")
    name = _clean_name(file_name)
    if not name.lower().endswith(".toml"):
        raise InvalidInput({"file": "Wählen Sie eine Satzungsdatei im TOML-Format aus (Dateiendung .toml)."})
    verdict = files.check_statute(name, text, bounds or files.Bounds())
    if not verdict.ok:
        raise InvalidInput({"file": verdict.message or _unreadable(name, verdict.problem)})
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    try:
        statute = parse_statute_file(name, text)
    except StatuteError as error:
        raise InvalidInput({"file": str(error)}) from None
    if len(statute.id) > MAX_ID_LENGTH:
        raise InvalidInput({"file": f"{name}: die Kennung der Satzung ist länger als {MAX_ID_LENGTH} Zeichen."})
    known = _known_as(session, statute, digest)
    if known is not None:
        return known
    session.add(StatuteFile(statute_id=statute.id, file_name=name, text=text, sha256=digest,
                            imported_by_id=actor.user_id if actor else None))
    try:
        uow.commit()
    except IntegrityError:  # imported by someone else at the same moment (the unit of work rolled back)
        raise InvalidInput({"file": _exists(statute.id)}) from None
    _parsed[digest] = statute
    log.info("statute %s imported from %s by user %s", statute.id, name, actor.user_id if actor else None)
    return Imported(statute, new=True)


def _unreadable(name: str, problem: str | None) -> str:
    """Word a refusal of the reader process that is no statute error of its own."""
    if problem == files.UNAVAILABLE:
        return f"{name}: die Datei kann gerade nicht geprüft werden. Versuchen Sie es in einigen Minuten noch einmal."
    return (f"{name}: die Datei ist so aufwendig aufgebaut, dass sie nicht geprüft werden kann. Prüfen Sie, ob Sie "
            "die richtige Satzungsdatei gewählt haben.")


def _known_as(session: Session, statute: Statute, digest: str) -> Imported | None:
    """Return the no-op answer for the same statute again; refuse the id of another one."""
    shipped = _shipped().get(statute.id)
    if shipped is not None:
        if shipped == statute:
            return Imported(shipped, new=False)
        raise InvalidInput({"file": _exists(statute.id) + " Sie wird mit der Anwendung mitgeliefert."})
    stored = session.scalars(select(StatuteFile).where(StatuteFile.statute_id == statute.id)).first()
    if stored is None:
        return None
    if stored.sha256 == digest:
        return Imported(statute, new=False)
    raise InvalidInput({"file": _exists(statute.id) + " Eine geänderte Satzung braucht eine neue Kennung."})


def _exists(statute_id: str) -> str:
    return f"Satzung {statute_id} ist schon vorhanden."


def _clean_name(file_name: str) -> str:
    name = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(char for char in name if char.isprintable())[:255] or "satzung.toml"


def catalogue(session: Session) -> list[KnownStatute]:
    """Return every statute with where it comes from, ordered by id."""
    known = [KnownStatute(statute, SHIPPED) for statute in _shipped().values()]
    for file in session.scalars(select(StatuteFile)):
        statute = _stored(file)
        if statute is not None:
            known.append(KnownStatute(statute, IMPORTED))
    return sorted(known, key=lambda entry: entry.statute.id)


def all_statutes(session: Session) -> list[Statute]:
    """Return every statute: the shipped ones and those an administrator imported, ordered by id."""
    return [entry.statute for entry in catalogue(session)]


def shipped_by_id(statute_id: str) -> Statute | None:
    """Return a statute shipped with the package by its id, or None."""
    return _shipped().get(statute_id)


def statute_by_id(session: Session, statute_id: str) -> Statute | None:
    """Return a shipped or imported statute by its id, or None."""
    shipped = shipped_by_id(statute_id)
    if shipped is not None:
        return shipped
    file = session.scalars(select(StatuteFile).where(StatuteFile.statute_id == statute_id)).first()
    return _stored(file) if file is not None else None


def assign_statute(uow: UnitOfWork, actor: Actor, statute_id: str, valid_from: date,
                   office_id: int | None = None) -> OfficeStatute:
    """Apply a statute in the actor's office (the system names the office) from a first day of a month on."""
    session = uow.session
    office = office_of(session, actor, office_id)
    statute = statute_by_id(session, statute_id)
    if statute is None:
        raise InvalidInput({"statute_id": f"Eine Satzung mit der Kennung „{statute_id}“ gibt es nicht. "
                                          "Wählen Sie eine der aufgeführten Satzungen."})
    problem = _date_problem(statute, valid_from) or _duplicate(session, office.id, statute, valid_from)
    if problem:
        raise InvalidInput({"valid_from": problem})
    entry = OfficeStatute(office_id=office.id, statute_id=statute.id, valid_from=valid_from,
                          created_by_id=actor.user_id)
    session.add(entry)
    try:
        uow.commit()
    except IntegrityError:  # the same entry made by someone else at the same moment (the unit of work rolled back)
        raise InvalidInput({"valid_from": _duplicate(session, office.id, statute, valid_from)}) from None
    log.info("office %s applies statute %s from %s (user %s)", office.id, statute.id, valid_from, actor.user_id)
    return entry


def _date_problem(statute: Statute, valid_from: date) -> str | None:
    if valid_from.day != 1:
        return "Eine Satzung gilt immer ab dem Ersten eines Monats. Geben Sie zum Beispiel den 1.8.2025 an."
    if valid_from < statute.valid_from:
        return (f"Die Satzung {statute.id} gilt erst ab dem {statute.valid_from:%d.%m.%Y}. "
                "Geben Sie dieses oder ein späteres Datum an.")
    if statute.valid_until is not None and valid_from > statute.valid_until:
        return (f"Die Satzung {statute.id} gilt nur bis zum {statute.valid_until:%d.%m.%Y}. "
                "Geben Sie ein früheres Datum an.")
    return None


def _duplicate(session: Session, office_id: int, statute: Statute, valid_from: date) -> str | None:
    exists = session.scalars(select(OfficeStatute.id).where(
        OfficeStatute.office_id == office_id, OfficeStatute.statute_id == statute.id,
        OfficeStatute.valid_from == valid_from)).first()
    return f"Die Satzung {statute.id} wird schon ab dem {valid_from:%d.%m.%Y} angewendet." if exists else None


def schedule(session: Session, office_id: int) -> list[Assignment]:
    """Return the office's schedule, oldest first (ties: in the order they were made)."""
    entries = session.scalars(select(OfficeStatute).where(OfficeStatute.office_id == office_id)
                              .order_by(OfficeStatute.valid_from, OfficeStatute.id))
    return [Assignment(entry, statute_by_id(session, entry.statute_id)) for entry in entries]


def office_schedules(session: Session) -> list[tuple[YouthOffice, list[Assignment]]]:
    """Return every office with its schedule, for the system's own overview (the command line)."""
    offices = session.scalars(select(YouthOffice).order_by(YouthOffice.id))
    return [(office, schedule(session, office.id)) for office in offices]


def statute_book(session: Session, office: YouthOffice) -> StatuteBook:
    """Return the statutes the office applies, each from its date, for the fee engine."""
    entries = []
    for assignment in schedule(session, office.id):
        if assignment.statute is None:
            log.warning("office %s: statute %s unknown, left out", office.id, assignment.entry.statute_id)
            continue
        entries.append((assignment.entry.valid_from, assignment.statute))
    return StatuteBook(tuple(entries))


def find_statute(session: Session, office: YouthOffice, care_kind: str, day: date) -> Statute | None:
    """Return the newest statute applied by ``day`` that covers the care kind in that month, or None."""
    month = Month.of(day)
    for assignment in reversed(schedule(session, office.id)):
        statute = assignment.statute
        if (assignment.entry.valid_from <= day and statute is not None and care_kind in statute.care_kinds
                and statute.covers(month)):
            return statute
    return None


def statute_for(session: Session, office: YouthOffice, care_kind: str, day: date) -> Statute:
    """Return the statute that applies to a care kind on a day; raise NoStatute with a German message."""
    statute = find_statute(session, office, care_kind, day)
    if statute is None:
        raise NoStatute({"statute": no_statute_message(care_kind, day)})
    return statute


def no_statute_message(care_kind: str, day: date) -> str:
    """Say in German that no statute of the office applies to a care kind on a day."""
    return (f"Für die Betreuungsart „{CARE_KIND_LABELS.get(care_kind, care_kind)}“ gilt am {day:%d.%m.%Y} "
            "keine Beitragssatzung des Jugendamts.")
