"""Importing an office's facilities from the old system: the dry run writes nothing, the real run writes the whole
file or nothing, a second run adds nothing and lists what the office has changed since, and only ever the given
office is touched."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from elternbeitraege import db
from elternbeitraege.models import AuditEntry, Facility, YouthOffice
from elternbeitraege.services.imports import facilities
from elternbeitraege.services.kernel.actor import SYSTEM, Actor
from elternbeitraege.services.kernel.errors import InvalidInput, NotFound
from elternbeitraege.services.kernel.uow import UnitOfWork
from tests.integration.import_files import csv_file, other_office, sample, xlsx_file

TODAY = date(2025, 7, 1)
HEADER = "Name;Betreuungsart;Straße;PLZ und Ort;Einrichtungsnummer;Ansprechperson;E-Mail;Telefon"
GOOD = "Kita Pusteblume;Kita;Feldweg 3;33330 Beispielkreis;51-0900;Eva Klein;eva@kita.example;05241 1"


@pytest.fixture
def office(app, demo):
    with app.app_context():
        return db.session().scalar(select(YouthOffice.id))


def run(app, office_id: int, content: bytes, dry_run: bool = False, actor: Actor = SYSTEM):
    with app.app_context():
        session = db.session()
        if dry_run:
            return facilities.check(session, actor, office_id, content)[0]
        return facilities.import_facilities(UnitOfWork(session, TODAY), actor, office_id, content, "einrichtungen.csv")


def facility_count(app, office_id: int) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(Facility).where(Facility.office_id == office_id))


def test_a_dry_run_of_the_sample_file_finds_two_new_facilities_and_writes_nothing(app, office):
    before = facility_count(app, office)
    report = run(app, office, sample("einrichtungen.csv"), dry_run=True)
    assert report.ok and report.new == 2 and not report.written
    assert facility_count(app, office) == before


def test_the_sample_file_imports_cleanly_and_the_import_is_recorded(app, office):
    before = facility_count(app, office)
    report = run(app, office, sample("einrichtungen.csv"))
    assert report.ok and report.written and report.new == 2
    assert facility_count(app, office) == before + 2
    with app.app_context():
        session = db.session()
        loewenzahn = session.scalars(select(Facility).where(Facility.number == "51-0815")).one()
        assert (loewenzahn.name, loewenzahn.care_kind, loewenzahn.office_id) == ("Kita Löwenzahn", "kita", office)
        actions = list(session.scalars(select(AuditEntry.action).where(AuditEntry.office_id == office)))
    assert "facilities_imported" in actions and actions.count("created") >= 2


def test_a_second_run_adds_nothing_and_lists_a_facility_the_office_changed_as_a_conflict(app, office):
    run(app, office, sample("einrichtungen.csv"))
    with app.app_context():
        session = db.session()
        session.scalars(select(Facility).where(Facility.number == "51-0816")).one().contact_phone = "0521 999"
        session.commit()
    before = facility_count(app, office)
    again = run(app, office, sample("einrichtungen.csv"))
    assert again.ok and again.new == 0 and again.unchanged == 1
    assert [(conflict.line, conflict.column) for conflict in again.conflicts] == [(3, "Einrichtungsnummer")]
    assert "Telefon (im System „0521 999“, in der Datei „05241 67890“)" in again.conflicts[0].message
    assert facility_count(app, office) == before
    with app.app_context():
        phone = db.session().scalars(select(Facility.contact_phone).where(Facility.number == "51-0816")).one()
    assert phone == "0521 999"


def test_one_bad_row_writes_nothing_of_the_file_and_names_line_and_column_in_german(app, office):
    before = facility_count(app, office)
    content = csv_file(GOOD, "Kita Ohne Art;Schwimmbad;Weg 1;33330 Ort;51-0901;;kein-mail;",
                       ";Kita;Weg 2;33330 Ort;51-0902;;;", header=HEADER)
    report = run(app, office, content)
    assert not report.written
    assert {(problem.line, problem.column) for problem in report.problems} == {
        (3, "Betreuungsart"), (3, "E-Mail"), (4, "Name")}
    messages = {(problem.line, problem.column): problem.message for problem in report.problems}
    assert messages[(3, "Betreuungsart")] == "Geben Sie die Betreuungsart als Kita, Kindertagespflege oder OGS an."
    assert messages[(4, "Name")] == "Geben Sie den Namen der Einrichtung an."
    assert facility_count(app, office) == before


def test_a_facility_twice_in_the_file_is_refused_at_its_second_line(app, office):
    report = run(app, office, csv_file(GOOD, GOOD.replace("Pusteblume", "Pusteblume II"), header=HEADER),
                 dry_run=True)
    assert [(problem.line, problem.column) for problem in report.problems] == [(3, "Einrichtungsnummer")]
    assert "schon in Zeile 2" in report.problems[0].message


@pytest.mark.parametrize("encoding, separator", [("utf-8-sig", ";"), ("cp1252", ";"), ("utf-8", ",")])
def test_csv_files_with_semicolons_or_commas_in_utf8_or_windows_1252_read_alike(app, office, encoding, separator):
    row = "Kita Größenwahn;Kindertagespflege;Gänseweg 1;33330 Gütersloh;51-0950;Jürgen Weiß;;"
    content = csv_file(row.replace(";", separator), header=HEADER.replace(";", separator), encoding=encoding)
    report = run(app, office, content)
    assert report.ok and report.new == 1
    with app.app_context():
        facility = db.session().scalars(select(Facility).where(Facility.number == "51-0950")).one()
        assert (facility.name, facility.care_kind, facility.contact_name) == ("Kita Größenwahn", "childminder",
                                                                              "Jürgen Weiß")


def test_an_xlsx_file_imports_like_a_csv_file(app, office):
    content = xlsx_file([HEADER.split(";"), ["OGS Lindenschule", "OGS", "Schulweg 1", "33330 Beispielkreis", 510977,
                                             None, None, None]])
    report = run(app, office, content)
    assert report.ok and report.new == 1
    with app.app_context():
        facility = db.session().scalars(select(Facility).where(Facility.name == "OGS Lindenschule")).one()
        assert (facility.care_kind, facility.number) == ("ogs", "510977")


def test_a_facility_of_another_office_is_unknown_so_the_same_number_is_new_here(app, office):
    with app.app_context():
        session = db.session()
        other_id = other_office(session, office)
        session.add(Facility(office_id=other_id, name="Kita Löwenzahn", care_kind="kita", street="Anderer Weg 9",
                             postcode_city="44444 Anderswo", number="51-0815"))
        session.commit()
    report = run(app, office, sample("einrichtungen.csv"))
    assert report.ok and report.new == 2 and not report.conflicts
    with app.app_context():
        theirs = db.session().scalars(select(Facility).where(Facility.office_id == other_id)).one()
        assert theirs.street == "Anderer Weg 9"  # untouched


def test_an_administrator_can_import_only_into_the_own_office(app, office):
    with app.app_context():
        session = db.session()
        other_id = other_office(session, office)
        session.commit()
    admin = Actor(user_id=None, role="admin", office_id=office)
    with pytest.raises(NotFound):
        run(app, other_id, sample("einrichtungen.csv"), dry_run=True, actor=admin)
    assert facility_count(app, other_id) == 0


@pytest.mark.parametrize("content, words", [
    (b"", "leer"),
    (b"%PDF-1.7\n...", "PDF-Dokument"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "alten Format (.xls)"),
    (b"PK\x03\x04 not really a workbook", "kann nicht gelesen werden"),
])
def test_a_file_that_is_no_table_is_refused_with_a_german_message(app, office, content, words):
    with pytest.raises(InvalidInput) as refused:
        run(app, office, content, dry_run=True)
    assert words in refused.value.errors["file"]
