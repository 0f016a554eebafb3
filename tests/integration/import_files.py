"""Import files for the tests: the sample files of docs/import/, and rows built from a header and dicts."""
from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook

SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "import"
CASE_HEADER = ("Aktenzeichen;Kassenzeichen;Vorname Kind;Nachname Kind;Geburtsdatum;Vorname Elternteil 1;"
               "Nachname Elternteil 1;Straße;PLZ;Ort;Einrichtung;Wochenstunden;Betreuungsbeginn")
GOOD_CASE = "AZ-1;KZ-1;Lena;Vogel;01.02.2022;Eva;Vogel;Gartenweg 1;33330;Musterstadt;Kita Sonnenblume;35;01.08.2024"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def csv_file(*rows: str, header: str = CASE_HEADER, encoding: str = "utf-8") -> bytes:
    return "\r\n".join((header, *rows)).encode(encoding) + b"\r\n"


def xlsx_file(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def other_office(session, like_id: int, name: str = "Jugendamt Anderswo") -> int:
    """Add a second youth office (its letterhead copied from another one) and return its id."""
    from elternbeitraege.models import YouthOffice

    like = session.get(YouthOffice, like_id)
    values = {column.key: getattr(like, column.key) for column in YouthOffice.__table__.columns
              if column.key not in ("id", "name", "created_at", "updated_at")}
    office = YouthOffice(**values, name=name)
    session.add(office)
    session.flush()
    return office.id
