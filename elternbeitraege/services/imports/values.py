"""Read the values of an import row: German and ISO dates, whole hours, euro amounts, care kinds, yes/no words.

Each reader returns the value, or raises ``Unreadable`` with what to do, in German.
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from ...models.office import CARE_KINDS


class Unreadable(ValueError):
    """A value that cannot be read; the message says what to write instead."""


GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
CARE_KIND_WORDS = {
    "kita": "kita", "kindertageseinrichtung": "kita", "kindertagesstätte": "kita", "tageseinrichtung": "kita",
    "kindertagespflege": "childminder", "tagespflege": "childminder", "kindertagespflegeperson": "childminder",
    "ogs": "ogs", "offeneganztagsschule": "ogs", "offene ganztagsschule": "ogs", "ganztag": "ogs",
    **{kind: kind for kind in CARE_KINDS},
}
KIND_WORDS = {"vorläufig": "provisional", "vorlaeufig": "provisional", "provisional": "provisional",
              "endgültig": "final", "endgueltig": "final", "final": "final"}


def day(text: str) -> date:
    """Read ``31.07.2025``, ``1.8.2025`` or ``2025-07-31``."""
    german, iso = GERMAN_DATE.fullmatch(text), ISO_DATE.fullmatch(text)
    if german:
        day_, month, year = (int(part) for part in german.groups())
    elif iso:
        year, month, day_ = (int(part) for part in iso.groups())
    else:
        raise Unreadable("Schreiben Sie das Datum als TT.MM.JJJJ, zum Beispiel 01.08.2025.")
    try:
        return date(year, month, day_)
    except ValueError as error:
        raise Unreadable(f"Den {text} gibt es nicht. Prüfen Sie Tag und Monat.") from error


def whole_hours(text: str) -> int:
    """Read whole weekly hours: ``35`` (also ``35,0`` as Excel may write it)."""
    match = re.fullmatch(r"(\d{1,3})(?:[.,]0+)?", text)
    if match is None:
        raise Unreadable("Geben Sie die Wochenstunden als ganze Zahl an, zum Beispiel 35.")
    return int(match.group(1))


def amount(text: str) -> Decimal:
    """Read a monthly amount in euros: ``123,45``, ``1.234,56 €``, ``123.45``."""
    plain = text.replace("€", "").replace("EUR", "").replace(" ", "").replace("\u00a0", "")
    if "," in plain:
        plain = plain.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", plain):
        plain = plain.replace(".", "")
    try:
        value = Decimal(plain)
    except InvalidOperation as error:
        raise Unreadable("Geben Sie den Beitrag als Betrag in Euro an, zum Beispiel 123,45.") from error
    if not value.is_finite() or value < 0 or value >= Decimal("10000") or value != value.quantize(Decimal("0.01")):
        raise Unreadable("Geben Sie den Beitrag als Betrag in Euro mit höchstens zwei Nachkommastellen an, "
                         "zum Beispiel 123,45.")
    return value.quantize(Decimal("0.01"))


def care_kind(text: str) -> str:
    """Read a care kind: ``Kita``, ``Kindertagespflege`` or ``OGS``."""
    kind = CARE_KIND_WORDS.get(text.strip().lower()) or CARE_KIND_WORDS.get(re.sub(r"\s+", "", text.lower()))
    if kind is None:
        raise Unreadable("Geben Sie die Betreuungsart als Kita, Kindertagespflege oder OGS an.")
    return kind


def assessment_kind(text: str) -> str:
    """Read the kind of the fee in force: ``vorläufig`` or ``endgültig``."""
    kind = KIND_WORDS.get(text.strip().lower())
    if kind is None:
        raise Unreadable("Geben Sie an, ob der Beitrag vorläufig oder endgültig festgesetzt ist.")
    return kind


def bracket(text: str, brackets: int) -> int:
    """Read the number of an income bracket of the statute's table, counted from 1."""
    match = re.fullmatch(r"\d{1,2}", text)
    if match is None or not 1 <= int(text) <= brackets:
        raise Unreadable(f"Geben Sie die Einkommensgruppe als Zahl von 1 bis {brackets} an, wie in der Satzung.")
    return int(text)


def postcode(text: str) -> str:
    """Read a German postcode of five digits (Excel may have dropped a leading zero)."""
    if not re.fullmatch(r"\d{4,5}", text):
        raise Unreadable("Geben Sie die Postleitzahl mit fünf Ziffern an.")
    return text.zfill(5)
