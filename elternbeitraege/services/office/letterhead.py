"""The office's letterhead: sender, contact, logo, court, data protection and bank details of every letter.

The administrator reads and changes the letterhead of the own office only. The values are checked
and tidied here, not in the form, so that nothing else can store what the page would refuse: the
IBAN in groups of four, BIC and creditor id in capitals, spaces made single. A preview renders the
sample fee notice with typed values and keeps nothing.
"""
from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass, fields, replace
from datetime import date

from email_validator import EmailNotValidError, validate_email
from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException
from sqlalchemy.orm import Session

from pdf.context import Office

from ... import files
from ...files import media_type_of
from ...models import YouthOffice
from ..kernel.actor import Actor
from ..kernel.errors import InvalidInput, NotFound
from ..kernel.scope import office_of
from ..kernel.uow import UnitOfWork
from ..notices.samples import ADDRESS, PARENTS, render_sample

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Letterhead:
    """What letters print about their sender; the columns of the same name on ``YouthOffice``."""

    name: str
    street: str
    postcode_city: str
    phone: str
    email: str
    website: str
    contact_person: str
    court_name: str
    court_address: str
    dpo_contact: str
    bank_name: str
    iban: str
    bic: str
    creditor_id: str


FIELDS = tuple(field.name for field in fields(Letterhead))
SIZES = {name: YouthOffice.__table__.columns[name].type.length for name in FIELDS}
# What each value is (accusative, for the messages) and an example of it.
WORDS = {
    "name": ("den Namen des Jugendamts", "Jugendamt Musterstadt"),
    "street": ("Straße und Hausnummer des Jugendamts", "Rathausplatz 1"),
    "postcode_city": ("Postleitzahl und Ort des Jugendamts", "33330 Musterstadt"),
    "phone": ("die Telefonnummer für Rückfragen", "05241 123-456"),
    "email": ("die E-Mail-Adresse für Rückfragen", "elternbeitraege@musterstadt.de"),
    "website": ("die Internetseite des Jugendamts", "www.musterstadt.de/elternbeitrag"),
    "contact_person": ("die Ansprechperson der Schreiben", "Team Elternbeiträge"),
    "court_name": ("das zuständige Verwaltungsgericht", "Verwaltungsgericht Minden"),
    "court_address": ("die Anschrift des Verwaltungsgerichts", "Königswall 8, 32423 Minden"),
    "dpo_contact": ("die Kontaktdaten der oder des Datenschutzbeauftragten",
                    "Datenschutzbeauftragte der Stadt Musterstadt, datenschutz@musterstadt.de"),
    "bank_name": ("den Namen der Bank", "Sparkasse Musterstadt"),
    "iban": ("die IBAN des Jugendamts", "DE89 3704 0044 0532 0130 00"),
    "bic": ("die BIC der Bank", "COBADEFFXXX"),
    "creditor_id": ("die Gläubiger-Identifikationsnummer des Jugendamts", "DE98ZZZ09999999999"),
}
WRONG = {
    "postcode_city": "Geben Sie zuerst die fünfstellige Postleitzahl und dann den Ort an, zum Beispiel 33330 "
                     "Musterstadt.",
    "phone": "Geben Sie die Telefonnummer nur mit Ziffern, Leerzeichen und den Zeichen + - / ( ) an, zum Beispiel "
             "05241 123-456.",
    "email": "Geben Sie die E-Mail-Adresse mit @ und Domain an, zum Beispiel elternbeitraege@musterstadt.de.",
    "website": "Geben Sie die Internetseite ohne Leerzeichen an, zum Beispiel www.musterstadt.de/elternbeitrag.",
    "iban": "Prüfen Sie die IBAN auf Tippfehler. Eine deutsche IBAN hat 22 Zeichen, zum Beispiel DE89 3704 0044 "
            "0532 0130 00.",
    "bic": "Geben Sie die BIC mit 8 oder 11 Zeichen an, zum Beispiel COBADEFFXXX.",
    "creditor_id": "Prüfen Sie die Gläubiger-Identifikationsnummer auf Tippfehler. Sie hat die Form "
                   "DE98ZZZ09999999999: Ländercode, zwei Prüfziffern, drei Zeichen Geschäftsbereich, nationale "
                   "Kennung.",
}

LOGO_MAX_BYTES = 512 * 1024
LOGO_MAX_PIXELS = 5000  # per side; every letter decodes the logo again, so a huge one would slow them all
LOGO_TYPES = {"image/png": "png", "image/jpeg": "jpg"}
LOGO = {
    "empty": "Die ausgewählte Datei ist leer. Wählen Sie ein Logo als PNG- oder JPG-Datei aus.",
    "large": "Die Datei ist größer als 512 KB. Wählen Sie ein kleineres Logo aus.",
    "type": "Das Logo muss eine PNG- oder JPG-Datei sein. Wählen Sie eine andere Datei aus.",
    "broken": "Die Datei ist beschädigt und kann nicht geöffnet werden. Wählen Sie eine andere Datei aus.",
    "pixels": f"Das Logo ist größer als {LOGO_MAX_PIXELS} × {LOGO_MAX_PIXELS} Bildpunkte. Verkleinern Sie es, "
              "zum Beispiel auf 600 × 160 Bildpunkte.",
    "both": "Wählen Sie entweder ein neues Logo aus oder „Logo entfernen“, nicht beides.",
    "complex": "Die Datei ist so aufwendig aufgebaut, dass wir sie nicht prüfen können. Speichern Sie das Logo neu "
               "als PNG- oder JPG-Datei und laden Sie es erneut hoch.",
    "unavailable": "Die Datei kann gerade nicht geprüft werden. Versuchen Sie es in einigen Minuten noch einmal.",
}
# The file check's answers, as the messages above.
LOGO_PROBLEMS = {files.EMPTY: "empty", files.TYPE: "type", files.PIXELS: "pixels", files.COMPLEX: "complex",
                 files.UNAVAILABLE: "unavailable"}


@dataclass(frozen=True)
class LetterheadView:
    """The letterhead page: the current values, whether there is a logo, and the sample letter's recipient."""

    letterhead: Letterhead
    has_logo: bool
    recipient_lines: tuple[str, ...] = (" und ".join(PARENTS), *ADDRESS)


def letterhead_of(office: YouthOffice) -> Letterhead:
    """Return an office's letterhead."""
    return Letterhead(**{name: getattr(office, name) for name in FIELDS})


def letterhead_view(session: Session, actor: Actor) -> LetterheadView:
    """Return the letterhead of the administrator's own office."""
    office = office_of(session, actor, None)
    return LetterheadView(letterhead_of(office), office.logo is not None)


def tidied(letterhead: Letterhead) -> Letterhead:
    """Return the letterhead as letters print it: single spaces, IBAN in fours, BIC and creditor id in capitals."""
    values = {name: " ".join(str(value or "").split()) for name, value in asdict(letterhead).items()}
    values["bic"] = values["bic"].replace(" ", "").upper()
    values["creditor_id"] = values["creditor_id"].replace(" ", "").upper()
    try:
        iban = IBAN(values["iban"])
    except SchwiftyException:
        return Letterhead(**values)
    # The column holds 34 characters: the longest IBANs (Malta: 31) only fit without the spaces.
    values["iban"] = iban.formatted if len(iban.formatted) <= SIZES["iban"] else iban.compact
    return Letterhead(**values)


def letterhead_problems(letterhead: Letterhead) -> dict[str, str]:
    """Return a German message for each value that is missing, too long or not in its form."""
    problems = {}
    for name, value in asdict(tidied(letterhead)).items():
        what, example = WORDS[name]
        if not value:
            problems[name] = f"Geben Sie {what} an, zum Beispiel {example}."
        elif len(value) > SIZES[name]:
            problems[name] = f"Kürzen Sie {what} auf höchstens {SIZES[name]} Zeichen."
        elif name in FORMATS and not FORMATS[name](value):
            problems[name] = WRONG[name]
    return problems


def _is_postcode_city(text: str) -> bool:
    return re.fullmatch(r"[0-9]{5} \S.*", text) is not None


def _is_phone(text: str) -> bool:
    return re.fullmatch(r"[0-9 +\-/()]+", text) is not None and any(char.isdigit() for char in text)


def _is_email(text: str) -> bool:
    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def _is_website(text: str) -> bool:
    return re.fullmatch(r"(https?://)?[^\s/.]+(\.[^\s/.]+)+(/\S*)?", text, re.IGNORECASE) is not None


def _is_iban(text: str) -> bool:
    try:
        IBAN(text)
    except SchwiftyException:
        return False
    return True


def _is_bic(text: str) -> bool:
    try:
        BIC(text)
    except SchwiftyException:
        return False
    return re.fullmatch(r"[A-Z0-9]{8}([A-Z0-9]{3})?", text) is not None


CREDITOR_ID = re.compile(r"([A-Z]{2})([0-9]{2})[A-Z0-9]{3}([A-Z0-9]{1,28})")


def is_creditor_id(text: str) -> bool:
    """Tell whether a SEPA creditor id is well formed and its check digits fit (ISO 7064 MOD 97-10).

    The check digits are computed over the national part, the country and the check digits, the
    business code (``ZZZ`` unless the creditor chose another) left out.
    """
    match = CREDITOR_ID.fullmatch(text)
    if match is None:
        return False
    country, check, national = match.groups()
    return int("".join(str(int(char, 36)) for char in national + country + check)) % 97 == 1


FORMATS = {"postcode_city": _is_postcode_city, "phone": _is_phone, "email": _is_email, "website": _is_website,
           "iban": _is_iban, "bic": _is_bic, "creditor_id": is_creditor_id}


def logo_problem(content: bytes, bounds: files.Bounds | None = None) -> str | None:
    """Return what is wrong with a logo file, in words the administrator can act on, or None.

    The file is read in the bounded reader process (``files.check``), its size taken from its header first:
    every letter decodes the logo again (WeasyPrint reads images with Pillow), so a bomb is never decoded.
    """
    if len(content) > LOGO_MAX_BYTES:
        return LOGO["large"]
    bounds = bounds or files.Bounds()
    logo_bounds = replace(bounds, max_pixels=min(bounds.max_pixels, LOGO_MAX_PIXELS ** 2), max_side=LOGO_MAX_PIXELS)
    verdict = files.check(content, logo_bounds, allowed=LOGO_TYPES)
    return None if verdict.ok else LOGO.get(LOGO_PROBLEMS.get(verdict.problem, "broken"))


def _problems(letterhead: Letterhead, logo: bytes | None, remove_logo: bool,
              bounds: files.Bounds | None = None) -> dict[str, str]:
    problems = letterhead_problems(letterhead)
    if logo is not None:
        problem = LOGO["both"] if remove_logo else logo_problem(logo, bounds)
        if problem:
            problems["logo"] = problem
    return problems


def _logo_after(office: YouthOffice, logo: bytes | None, remove_logo: bool) -> bytes | None:
    """Return the logo letters will print: the new one, none when removed, else the current one."""
    return None if remove_logo else logo if logo is not None else office.logo


def change_letterhead(uow: UnitOfWork, actor: Actor, letterhead: Letterhead, logo: bytes | None, remove_logo: bool,
                      office_id: int | None = None, bounds: files.Bounds | None = None) -> Letterhead:
    """Check and keep the letterhead and logo of the administrator's own office; refuse bad values in German.

    Without a new logo and without ``remove_logo`` the current logo stays.
    """
    session = uow.session
    office = office_of(session, actor, office_id)
    letterhead = tidied(letterhead)
    problems = _problems(letterhead, logo, remove_logo, bounds)
    if problems:
        raise InvalidInput(problems)
    before, logo_before = letterhead_of(office), office.logo
    for name, value in asdict(letterhead).items():
        setattr(office, name, value)
    office.logo = _logo_after(office, logo, remove_logo)
    uow.commit()
    # Names only: the values include the office's bank details.
    changed = [name for name in FIELDS if getattr(before, name) != getattr(letterhead, name)]
    if office.logo != logo_before:
        changed.append("logo removed" if office.logo is None else "logo replaced")
    log.info("letterhead of office %s changed by user %s: %s", office.id, actor.user_id,
             ", ".join(changed) or "nothing")
    return letterhead


def preview_letterhead(session: Session, actor: Actor, letterhead: Letterhead, logo: bytes | None,
                       remove_logo: bool, today: date, bounds: files.Bounds | None = None) -> bytes:
    """Render the sample fee notice with typed, unsaved values; nothing is kept."""
    office = office_of(session, actor, None)
    letterhead = tidied(letterhead)
    problems = _problems(letterhead, logo, remove_logo, bounds)
    if problems:
        raise InvalidInput(problems)
    return render_sample("fee", Office(**asdict(letterhead), logo=_logo_after(office, logo, remove_logo)), today)


def office_logo(session: Session, actor: Actor) -> tuple[bytes, str]:
    """Return the logo of the administrator's own office and its media type; NotFound when it has none."""
    office = office_of(session, actor, None)
    media_type = media_type_of(office.logo or b"")
    if media_type not in LOGO_TYPES:
        raise NotFound("logo")
    return office.logo, media_type
