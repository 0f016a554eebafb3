"""`flask statutes …`: import a statute file, list the statutes and schedules, apply a statute in an office."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from elternbeitraege import db
from elternbeitraege.models import OfficeStatute, StatuteFile
from tests.web.statute_files import BROKEN, GUETERSLOH, NEW_ID, NEW_TITLE, guetersloh_copy


@pytest.fixture
def run(app, demo):
    """Return a function that runs ``flask statutes …`` and returns the result."""
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(args=["statutes", *map(str, args)])


@pytest.fixture
def statute_file(tmp_path):
    """Return a function that writes a statute file and returns its path."""
    def write(text: str, name: str = "guetersloh-2025.toml"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path
    return write


def count(app, model) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(model))


def test_importing_a_good_file_names_the_statute_its_title_and_validity(app, run, statute_file):
    result = run("import", statute_file(guetersloh_copy()))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Satzung {NEW_ID} importiert: {NEW_TITLE}, gültig ab 01.08.2025, bis auf Weiteres."
    assert count(app, StatuteFile) == 1


def test_importing_a_broken_file_prints_the_problem_in_german_and_fails(app, run, statute_file):
    result = run("import", statute_file(BROKEN, "kaputt.toml"))
    assert result.exit_code == 1
    assert "Fehler: kaputt.toml, Tabelle Zeile 6" in result.output and "negativer Betrag" in result.output
    assert count(app, StatuteFile) == 0


def test_importing_the_same_file_twice_changes_nothing_the_second_time(app, run, statute_file):
    path = statute_file(guetersloh_copy())
    run("import", path)
    again = run("import", path)
    assert again.exit_code == 0
    assert again.output.strip() == f"Satzung {NEW_ID} ist schon mit demselben Inhalt vorhanden; nichts geändert."
    assert count(app, StatuteFile) == 1


def test_importing_another_file_under_a_known_id_is_refused(app, run, statute_file):
    run("import", statute_file(guetersloh_copy()))
    result = run("import", statute_file(guetersloh_copy(u2_35h_row_6=231), "geaendert.toml"))
    assert result.exit_code == 1 and f"Satzung {NEW_ID} ist schon vorhanden." in result.output


def test_the_list_shows_every_statute_with_its_origin_and_each_offices_schedule(run, statute_file):
    run("import", statute_file(guetersloh_copy()))
    run("assign", 1, NEW_ID, "01.08.2025")
    result = run("list")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert f"  {GUETERSLOH} (mitgeliefert): Satzung über die Erhebung von Elternbeiträgen für " \
           "Kindertageseinrichtungen und Kindertagespflege im Kreis Gütersloh" in lines
    assert f"  {NEW_ID} (importiert): {NEW_TITLE}" in lines
    assert "    gültig ab 01.08.2024 bis 31.07.2025; Betreuungsarten: OGS" in lines
    assert "    gültig ab 01.08.2025, bis auf Weiteres; Betreuungsarten: Kita, Kindertagespflege" in lines
    office = lines.index("  1 Jugendamt Musterstadt")
    assert lines[office + 1:office + 3] == [f"    ab 01.08.2024: {GUETERSLOH}", f"    ab 01.08.2025: {NEW_ID}"]


@pytest.mark.parametrize("day", ["01.08.2025", "1.8.2025", "2025-08-01"])
def test_a_statute_is_applied_from_a_german_or_iso_date(app, run, day):
    result = run("assign", 1, "koeln-2025", day)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Jugendamt 1 wendet die Satzung koeln-2025 ab dem 01.08.2025 an."
    assert count(app, OfficeStatute) == 2


@pytest.mark.parametrize(("args", "message"), [
    ((1, "koeln-2025", "01.07.2025"), "Die Satzung koeln-2025 gilt erst ab dem 01.08.2025."),
    ((1, "gibt-es-nicht", "01.08.2025"), "Eine Satzung mit der Kennung „gibt-es-nicht“ gibt es nicht."),
    ((1, "koeln-2025", "August 2025"), "„August 2025“ ist kein Datum."),
    ((1, "koeln-2025", "31.02.2026"), "„31.02.2026“ ist kein Datum."),
    ((99, "koeln-2025", "01.08.2025"), "Ein Jugendamt mit der Nummer 99 gibt es nicht."),
])
def test_a_statute_is_not_applied_from_a_wrong_date_an_unknown_id_or_in_an_unknown_office(app, run, args, message):
    result = run("assign", *args)
    assert result.exit_code == 1
    assert result.output.startswith("Fehler: ") and message in result.output
    assert count(app, OfficeStatute) == 1
