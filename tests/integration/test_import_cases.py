"""Importing fee cases from the old system: a dry run reports every bad row and writes nothing; the real run
writes a whole file or nothing, and a second run adds nothing and lists what the office has changed since."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from elternbeitraege import db
from elternbeitraege.models import AssessmentRecord, CaseEvent, Document, Facility, FeeCase, YouthOffice
from elternbeitraege.services.imports import cases, facilities, letters
from elternbeitraege.services.kernel.actor import SYSTEM
from elternbeitraege.services.kernel.errors import InvalidInput
from elternbeitraege.services.kernel.uow import UnitOfWork
from tests.helpers import access_code_in
from tests.integration.import_files import CASE_HEADER, GOOD_CASE, csv_file, other_office, sample, xlsx_file

TODAY = date(2025, 7, 1)


@pytest.fixture
def office(app, demo):
    """Return the demo office's id, with the sample facilities imported."""
    with app.app_context():
        session = db.session()
        office_id = session.scalar(select(YouthOffice.id))
        report = facilities.import_facilities(UnitOfWork(session, TODAY), SYSTEM, office_id,
                                              sample("einrichtungen.csv"), "einrichtungen.csv")
        assert report.ok and report.new == 2
    return office_id


def run(app, office_id: int, content: bytes, dry_run: bool = False):
    with app.app_context():
        session = db.session()
        if dry_run:
            return cases.check(session, SYSTEM, office_id, content, TODAY)
        return cases.import_cases(UnitOfWork(session, TODAY, "https://eb.example"), SYSTEM, office_id, content,
                                  "faelle.csv")


def count(app, model) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(model))


def problems(report) -> set[tuple[int, str]]:
    return {(problem.line, problem.column) for problem in report.problems}


def test_a_dry_run_of_bad_rows_names_line_column_and_problem_in_german_and_writes_nothing(app, office):
    before = count(app, FeeCase)
    content = csv_file(
        GOOD_CASE,
        "AZ-2;KZ-2;;Vogel;01.02.2022;Eva;Vogel;Gartenweg 1;33330;Musterstadt;Kita Sonnenblume;35;01.08.2024",
        "AZ-3;KZ-3;Tom;Vogel;31.02.2022;Eva;Vogel;Gartenweg 1;33330;Musterstadt;Kita Sonnenblume;35;01.08.2024",
        "AZ-4;KZ-4;Tim;Vogel;01.02.2022;Eva;Vogel;Gartenweg 1;33330;Musterstadt;Kita Mondschein;35;01.08.2024",
        "AZ-5;KZ-5;Kim;Vogel;01.02.2022;Eva;Vogel;Gartenweg 1;33330;Musterstadt;Kita Sonnenblume;viel;01.08.2024",
        "AZ-6;KZ-6;Ole;Vogel;01.02.2022;Eva;Vogel;Gartenweg 1;33330;Musterstadt;Kita Sonnenblume;30;01.08.2024",
        "AZ-1;KZ-7;Ute;Vogel;01.02.2022;Eva;Vogel;Gartenweg 1;33330;Musterstadt;Kita Sonnenblume;35;01.08.2024",
    )
    for dry_run in (True, False):
        report = run(app, office, content, dry_run)
        assert problems(report) == {(3, "Vorname Kind"), (4, "Geburtsdatum"), (5, "Einrichtung"),
                                    (6, "Wochenstunden"), (7, "Wochenstunden"), (8, "Aktenzeichen")}
        messages = {problem.line: problem.message for problem in report.problems}
        assert messages[3] == "Geben Sie den Vornamen des Kindes an."
        assert "31.02.2022 gibt es nicht" in messages[4]
        assert "„Kita Mondschein“ ist in diesem Jugendamt nicht angelegt" in messages[5]
        assert "ganze Zahl" in messages[6] and "25, 35 oder 45" in messages[7]
        assert "steht schon in Zeile 2" in messages[8]
        assert not report.written
    assert count(app, FeeCase) == before


def test_a_header_without_a_required_column_is_reported_at_line_one(app, office):
    report = run(app, office, csv_file(header=CASE_HEADER.replace(";Wochenstunden", "").replace("PLZ", "Postfach")),
                 dry_run=True)
    assert (1, "Wochenstunden") in problems(report)
    assert (1, "Postfach") in problems(report) and (1, "PLZ") in problems(report)


def test_the_sample_file_imports_invited_and_settled_cases_with_letters_in_one_print_file(app, office, tmp_path):
    before = count(app, FeeCase)
    dry = run(app, office, sample("faelle.csv"), dry_run=True)
    assert dry.ok and dry.new == 4 and count(app, FeeCase) == before
    report = run(app, office, sample("faelle.csv"))
    assert report.written and report.new == 4 and report.letters_due == 2
    with app.app_context():
        session = db.session()
        imported = {case.file_number: case for case in session.scalars(
            select(FeeCase).where(FeeCase.file_number.like("AZ-2024-%")))}
        assert {case.status for case in imported.values()} == {"invited", "facility_notified"}
        lina, emil = imported["AZ-2024-0001"], imported["AZ-2024-0002"]
        assert lina.household_id == emil.household_id  # siblings: one family in the file, one household
        assert lina.cash_reference == "KZ-7001" and lina.weekly_hours == 35 and lina.access_code_hash is None
        ida, paul = imported["AZ-2024-0003"], imported["AZ-2024-0004"]
        assert (ida.status, ida.assessment_kind, paul.assessment_kind) == ("facility_notified", "provisional",
                                                                            "final")
        record = session.scalars(select(AssessmentRecord).where(AssessmentRecord.case_id == paul.id)).one()
        assert record.income_basis.startswith("Übernommen aus dem bisherigen Verfahren")
        assert {row["amount"] for row in record.months} == {"123.45"} and record.months[0]["month"] == "2024-08"
        ida_record = session.scalars(select(AssessmentRecord).where(AssessmentRecord.case_id == ida.id)).one()
        assert {row["bracket"] for row in ida_record.months} == {3}
        events = session.scalars(select(CaseEvent).where(CaseEvent.case_id == lina.id)).all()
        assert [event.trigger for event in events] == ["import"]
        assert letters.count_waiting(session, office) == 2
    with app.app_context():
        run_ = letters.write_letters(app.extensions["db_sessions"], office, TODAY, "https://eb.example",
                                     tmp_path, workers=1)
    assert run_.written == 2 and run_.print_file.exists()
    with app.app_context():
        session = db.session()
        lina = session.scalars(select(FeeCase).where(FeeCase.file_number == "AZ-2024-0001")).one()
        letter = session.scalars(select(Document).where(Document.case_id == lina.id)).one()
        assert lina.access_code_hash is not None and access_code_in(letter.content)
        assert letters.count_waiting(session, office) == 0


def test_a_second_run_adds_nothing_and_lists_a_case_the_office_changed_as_a_conflict(app, office):
    run(app, office, sample("faelle.csv"))
    with app.app_context():
        session = db.session()
        lina = session.scalars(select(FeeCase).where(FeeCase.file_number == "AZ-2024-0001")).one()
        lina.weekly_hours = 45
        session.commit()
        before = count(app, FeeCase)
    again = run(app, office, sample("faelle.csv"))
    assert again.ok and again.new == 0 and again.unchanged == 3
    assert [(conflict.line, conflict.column) for conflict in again.conflicts] == [(2, "Aktenzeichen")]
    assert "Wochenstunden (im System „45“, in der Datei „35“)" in again.conflicts[0].message
    assert count(app, FeeCase) == before
    with app.app_context():
        assert db.session().scalars(select(FeeCase.weekly_hours).where(
            FeeCase.file_number == "AZ-2024-0001")).one() == 45


def test_a_windows_1252_file_with_semicolons_and_a_comma_separated_file_read_alike(app, office):
    row = "AZ-9;KZ-9;Jürgen;Größ;01.02.2022;Bärbel;Größ;Straße 1;33330;Gütersloh;Kita Sonnenblume;35;2024-08-01"
    cp1252 = csv_file(row, encoding="cp1252")
    assert "ü".encode("cp1252") in cp1252
    report = run(app, office, cp1252)
    assert report.ok and report.new == 1
    with app.app_context():
        case = db.session().scalars(select(FeeCase).where(FeeCase.file_number == "AZ-9")).one()
        assert (case.child.first_name, case.household.city) == ("Jürgen", "Gütersloh")
    comma = csv_file(row.replace(";", ","), header=CASE_HEADER.replace(";", ","), encoding="utf-8-sig")
    assert run(app, office, comma, dry_run=True).unchanged == 1


def test_an_xlsx_file_imports_with_dates_and_numbers_as_excel_keeps_them(app, office):
    content = xlsx_file([CASE_HEADER.split(";"), ["AZ-X1", "KZ-X1", "Mila", "Sommer", date(2022, 3, 4), "Eva",
                                                  "Sommer", "Weg 2", 33330, "Musterstadt", "51-0815", 35,
                                                  date(2024, 8, 1)]])
    report = run(app, office, content)
    assert report.ok and report.new == 1
    with app.app_context():
        case = db.session().scalars(select(FeeCase).where(FeeCase.file_number == "AZ-X1")).one()
        assert case.child.birth_date == date(2022, 3, 4)
        assert db.session().get(Facility, case.facility_id).name == "Kita Löwenzahn"


def test_a_file_that_is_no_table_is_refused_with_a_german_message(app, office):
    with pytest.raises(InvalidInput) as refused:
        run(app, office, b"PK\x03\x04 not really a workbook", dry_run=True)
    assert "kann nicht gelesen werden" in refused.value.errors["file"]


def test_a_facility_number_of_another_office_is_unknown_and_the_row_is_refused(app, office):
    with app.app_context():
        session = db.session()
        other_id = other_office(session, office)
        session.add(Facility(office_id=other_id, name="Kita Fremd", care_kind="kita", street="Weg 9",
                             postcode_city="44444 Anderswo", number="99-4711"))
        session.commit()
    before = count(app, FeeCase)
    foreign = GOOD_CASE.replace("Kita Sonnenblume", "99-4711")
    for dry_run in (True, False):
        report = run(app, office, csv_file(foreign), dry_run)
        assert problems(report) == {(2, "Einrichtung")} and not report.written
        assert "„99-4711“ ist in diesem Jugendamt nicht angelegt" in report.problems[0].message
    assert count(app, FeeCase) == before


def test_the_cases_of_a_file_go_only_into_the_given_office(app, office):
    report = run(app, office, sample("faelle.csv"))
    assert report.written
    with app.app_context():
        offices = set(db.session().scalars(select(FeeCase.office_id).where(FeeCase.file_number.like("AZ-2024-%"))))
    assert offices == {office}
