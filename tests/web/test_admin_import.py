"""The administrator imports the old system's files in the browser: upload, read the dry run, import; the clerk
then finds the cases in the worklist; another office's administrator can neither see nor use the import."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from elternbeitraege import db
from elternbeitraege.models import AuditEntry, FeeCase
from tests.conftest import TODAY
from tests.integration.import_files import GOOD_CASE, csv_file, sample
from tests.web.two_offices import LOGINS, build


@pytest.fixture
def admin(make_app, tmp_path, login):
    app = make_app(IMPORT_DIR=str(tmp_path / "imports"))
    world = build(app, TODAY)
    app.config["world"] = world
    return app, login(app.test_client(), LOGINS["admin_a"])


def upload(client, kind: str, content: bytes, name: str = "daten.csv"):
    return client.post("/verwaltung/import", data={"kind": kind, "file": (io.BytesIO(content), name)},
                       content_type="multipart/form-data")


def cases_count(app) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(FeeCase))


def test_an_administrator_who_uploads_the_samples_sees_the_dry_run_then_imports_and_the_clerk_sees_the_cases(
        admin, login, tmp_path):
    app, client = admin
    page = upload(client, "facilities", sample("einrichtungen.csv"), "einrichtungen.csv")
    assert page.status_code == 200 and "2 Einrichtungen bereit zum Import" in page.get_data(as_text=True)
    assert list((tmp_path / "imports").iterdir())  # kept on the server between the two steps
    done = client.post("/verwaltung/import/ausfuehren")
    assert done.status_code == 200 and "2 Einrichtungen importiert" in done.get_data(as_text=True)
    assert not list((tmp_path / "imports").iterdir())
    before = cases_count(app)
    checked = upload(client, "cases", sample("faelle.csv"), "faelle.csv")
    assert "4 Beitragsfälle bereit zum Import" in checked.get_data(as_text=True)
    assert cases_count(app) == before  # the dry run wrote nothing
    result = client.post("/verwaltung/import/ausfuehren").get_data(as_text=True)
    assert "4 Beitragsfälle importiert" in result and "2 Einladungsschreiben" in result
    assert cases_count(app) == before + 4
    with app.app_context():
        actions = set(db.session().scalars(select(AuditEntry.action)))
    assert {"facilities_imported", "cases_imported"} <= actions
    clerk = login(app.test_client(), LOGINS["clerk_a"])
    worklist = clerk.get("/amt/?tab=all").get_data(as_text=True)
    assert "Lina Schäfer" in worklist or "AZ-2024-0001" in worklist
    assert client.post("/verwaltung/import/ausfuehren").status_code == 404  # the checked file is used once


def test_a_file_with_bad_rows_comes_back_with_a_table_of_line_column_and_problem_and_answers_400(admin):
    app, client = admin
    bad = csv_file(GOOD_CASE, GOOD_CASE.replace("AZ-1;KZ-1", "AZ-2;KZ-2").replace("01.02.2022", "gestern"))
    page = upload(client, "cases", bad)
    text = page.get_data(as_text=True)
    assert page.status_code == 400 and "Fehler: " in text
    assert "<td class=\"kern-table__cell\">3</td>" in text and "Geburtsdatum" in text and "TT.MM.JJJJ" in text
    assert client.post("/verwaltung/import/ausfuehren").status_code == 404  # nothing checked to import


def test_an_upload_without_a_kind_or_file_says_what_to_choose(admin):
    _app, client = admin
    page = client.post("/verwaltung/import", data={}, content_type="multipart/form-data")
    text = page.get_data(as_text=True)
    assert page.status_code == 400
    assert "Wählen Sie aus, ob die Datei Einrichtungen oder Beitragsfälle enthält." in text
    assert "Wählen Sie eine CSV- oder XLSX-Datei aus." in text


def test_a_checked_file_of_one_administrator_cannot_be_imported_by_another_offices_administrator(admin, login):
    app, client = admin
    upload(client, "facilities", sample("einrichtungen.csv"))
    other = login(app.test_client(), LOGINS["admin_b"])
    with client.session_transaction() as mine, other.session_transaction() as theirs:
        theirs["checked_import"] = mine["checked_import"]  # even with the token, the file is not theirs
    assert other.post("/verwaltung/import/ausfuehren").status_code == 404


@pytest.mark.parametrize("who", ["clerk_a", "facility_a", "parent_a", "clerk_b"])
def test_nobody_but_an_administrator_sees_the_import_page(admin, login, who):
    app, _client = admin
    client = login(app.test_client(), LOGINS[who], app.config["world"].password(who))
    assert client.get("/verwaltung/import").status_code == 404
    assert upload(client, "cases", sample("faelle.csv")).status_code == 404


KB = 1024


@pytest.fixture
def small_admin(make_app, tmp_path, login):
    """An administrator on an installation with small limits, so that "too large" needs no megabytes in a test
    (werkzeug spools a large body to a temporary file the test client leaves open)."""
    app = make_app(IMPORT_DIR=str(tmp_path / "imports"), MAX_UPLOAD_BYTES=4 * KB, MAX_CONTENT_LENGTH=16 * KB)
    build(app, TODAY)
    return app, login(app.test_client(), LOGINS["admin_a"])


@pytest.mark.parametrize("content, name, words", [
    (b"", "leer.csv", "Die Datei ist leer"),
    (b"%PDF-1.7\n%%EOF", "bescheid.pdf", "keine CSV-Datei und keine Excel-Arbeitsmappe"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "foto.csv", "ein Bild (PNG)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "alt.xls", "alten Format (.xls)"),
    (b"PK\x03\x04" + b"\x00" * 200, "kaputt.xlsx", "kann nicht gelesen werden"),
    (b"x" * (4 * KB + 10), "gross.csv", "größer als 4"),
])
def test_a_file_that_cannot_be_imported_comes_back_with_a_german_message_beside_the_field(small_admin, content, name,
                                                                                            words):
    app, client = small_admin
    before = cases_count(app)
    page = upload(client, "cases", content, name)
    text = page.get_data(as_text=True)
    assert page.status_code == 400 and "Fehler: " in text and words in text
    assert 'id="file-error"' in text
    assert cases_count(app) == before


def test_a_file_over_the_request_limit_like_20_megabytes_gets_the_page_that_says_so_not_an_error(small_admin):
    _app, client = small_admin
    page = upload(client, "cases", b"x" * (20 * KB), "riesig.csv")
    text = page.get_data(as_text=True)
    assert page.status_code == 413 and "Datei zu groß" in text and '<html lang="de">' in text


def test_a_second_upload_replaces_the_file_kept_for_the_first(admin, tmp_path):
    _app, client = admin
    upload(client, "facilities", sample("einrichtungen.csv"))
    upload(client, "facilities", sample("einrichtungen.csv"))
    assert len(list((tmp_path / "imports").iterdir())) == 1
