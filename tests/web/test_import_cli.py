"""``flask import facilities`` and ``flask import cases``: a dry run unless ``--apply``, problems by line and column
in German with exit code 1, a second run that adds nothing and lists the conflicts, one print file of letters."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from elternbeitraege import db
from elternbeitraege.models import FeeCase, YouthOffice
from tests.integration.import_files import GOOD_CASE, SAMPLES, csv_file


def invoke(app, *args: str):
    return app.test_cli_runner().invoke(args=list(args))


@pytest.fixture
def office(app, demo) -> str:
    with app.app_context():
        return str(db.session().scalar(select(YouthOffice.id)))


def cases(app) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(FeeCase))


def test_without_apply_a_command_is_a_dry_run_and_writes_nothing(app, office):
    before = cases(app)
    result = invoke(app, "import", "facilities", str(SAMPLES / "einrichtungen.csv"), "--office", office)
    assert result.exit_code == 0 and "Probelauf" in result.output and "2 Einrichtungen bereit" in result.output
    result = invoke(app, "import", "cases", str(SAMPLES / "faelle.csv"), "--office", office, "--dry-run")
    assert result.exit_code == 1  # the sample facilities are not there yet: the rows name them
    assert "Spalte „Einrichtung“" in result.output and "Nichts wurde gespeichert" in result.output
    assert cases(app) == before


def test_the_sample_files_import_with_apply_with_one_print_file_and_a_second_run_adds_nothing(app, office, tmp_path):
    assert invoke(app, "import", "facilities", str(SAMPLES / "einrichtungen.csv"), "--office", office,
                  "--apply").exit_code == 0
    before = cases(app)
    result = invoke(app, "import", "cases", str(SAMPLES / "faelle.csv"), "--office", office, "--apply")
    assert result.exit_code == 0, result.output
    assert "4 Beitragsfälle importiert" in result.output and "2 Einladungsschreiben erstellt" in result.output
    assert cases(app) == before + 4
    prints = list(Path(app.config["PRINT_DIR"]).glob("Einladungen-Import-*.pdf"))
    assert len(prints) == 1
    again = invoke(app, "import", "cases", str(SAMPLES / "faelle.csv"), "--office", office, "--apply")
    assert again.exit_code == 0 and "0 Beitragsfälle importiert, 4 schon vorhanden" in again.output
    assert cases(app) == before + 4
    assert "Keine importierten Fälle warten" in invoke(app, "import", "letters", "--office", office).output


def test_a_second_run_lists_a_case_the_office_changed_as_a_conflict(app, office, tmp_path):
    invoke(app, "import", "facilities", str(SAMPLES / "einrichtungen.csv"), "--office", office, "--apply")
    invoke(app, "import", "cases", str(SAMPLES / "faelle.csv"), "--office", office, "--apply")
    with app.app_context():
        session = db.session()
        session.scalars(select(FeeCase).where(FeeCase.file_number == "AZ-2024-0002")).one().weekly_hours = 25
        session.commit()
    result = invoke(app, "import", "cases", str(SAMPLES / "faelle.csv"), "--office", office)
    assert result.exit_code == 0 and "1 Konflikte" in result.output
    assert "Konflikt in Zeile 3" in result.output and "Wochenstunden (im System „25“, in der Datei „45“)" in \
        result.output


def test_a_bad_row_is_named_by_line_and_column_and_nothing_is_written(app, office, tmp_path):
    path = tmp_path / "faelle.csv"
    path.write_bytes(csv_file(GOOD_CASE.replace("01.02.2022", "2022-02-31")))
    before = cases(app)
    result = invoke(app, "import", "cases", str(path), "--office", office, "--apply")
    assert result.exit_code == 1
    assert "Zeile 2, Spalte „Geburtsdatum“: Den 2022-02-31 gibt es nicht" in result.output
    assert cases(app) == before


@pytest.mark.parametrize("args, words", [
    (("--office", "999"), "Dieses Jugendamt gibt es nicht"),
    (("--dry-run", "--apply"), "nicht beides"),
])
def test_an_unknown_office_or_both_flags_are_refused(app, office, args, words):
    arguments = [arg if arg != "OFFICE" else office for arg in args]
    if "--office" not in arguments:
        arguments += ["--office", office]
    result = invoke(app, "import", "cases", str(SAMPLES / "faelle.csv"), *arguments)
    assert result.exit_code != 0 and words in result.output


def test_a_file_that_is_no_table_is_refused_in_german(app, office, tmp_path):
    path = tmp_path / "bescheid.pdf"
    path.write_bytes(b"%PDF-1.7\n%...")
    result = invoke(app, "import", "facilities", str(path), "--office", office)
    assert result.exit_code == 1 and "PDF-Dokument" in result.output
