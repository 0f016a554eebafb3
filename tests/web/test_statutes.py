"""The administrator's statute pages: the list, uploading a statute file, applying a statute from a date —
and what the schedule means for admissions and the parents' estimate."""
from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from elternbeitraege import db
from elternbeitraege.models import Facility, OfficeStatute, StatuteFile, YouthOffice
from elternbeitraege.services import demo as seed
from elternbeitraege.services.accounts import users as accounts
from tests.helpers import access_code_in, commit
from tests.web.statute_files import BROKEN, GUETERSLOH, NEW_ID, guetersloh_copy
from tests.web.steps import ADMISSION, declare_income, document_bytes, register, report
from tests.web.test_forms import assert_refused_page, field_error, summary_links

ADMIN = "verwaltung@musterstadt.example"
CLERK = "sachbearbeitung@musterstadt.example"
OGS = "ogs-am-bach@musterstadt.example"
PAGES = ("/verwaltung/satzungen", "/verwaltung/satzungen/hochladen", "/verwaltung/satzungen/anwenden")


@pytest.fixture
def admin(app, demo, login):
    return login(app.test_client(), ADMIN)


def upload(client, text: str | bytes | None, name: str = "guetersloh-2025.toml"):
    """Send a statute file (None: none chosen), encoded in memory so that no temporary file is left open."""
    content = text.encode() if isinstance(text, str) else text
    boundary, body = encode_multipart({} if content is None else {"file": FileStorage(io.BytesIO(content), name)})
    return client.post("/verwaltung/satzungen/hochladen", data=body,
                       content_type=f"multipart/form-data; boundary={boundary}")


def assign(client, statute_id: str, day: str, month: str, year: str):
    return client.post("/verwaltung/satzungen/anwenden", data={
        "statute_id": statute_id, "valid_from-day": day, "valid_from-month": month, "valid_from-year": year})


def stored(app, model) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(model))


def schedule_rows(page: str) -> list[str]:
    table = re.search(r'<table class="kern-table" id="schedule">(.*?)</table>', page, re.S).group(1)
    rows = re.findall(r"<tr><td>(.*?)</tr>", table, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in rows]


# --- The list -------------------------------------------------------------------------------------------------------

def test_the_administrator_sees_every_statute_with_validity_care_kinds_and_origin_and_the_offices_schedule(admin):
    page = admin.get("/verwaltung/satzungen").get_data(as_text=True)
    for statute_id in (GUETERSLOH, "koeln-2025", "ennigerloh-ogs-2024"):
        assert f"<td>{statute_id}</td>" in page
    assert "ab 01.08.2024 bis 31.07.2025" in page and "ab 01.08.2025, bis auf Weiteres" in page
    assert "Kita, Kindertagespflege" in page and "<td>OGS</td>" in page and "mitgeliefert" in page
    assert schedule_rows(page) == [
        "01.08.2024 Satzung über die Erhebung von Elternbeiträgen für Kindertageseinrichtungen und "
        "Kindertagespflege im Kreis Gütersloh vom 02.03.2020 Kita, Kindertagespflege kreis-guetersloh-2024"]


def test_the_overview_shows_the_schedule_and_leads_to_the_statutes(admin):
    page = admin.get("/verwaltung/").get_data(as_text=True)
    assert schedule_rows(page)[0].startswith("01.08.2024 Satzung über die Erhebung")
    assert 'href="/verwaltung/satzungen"' in page


# --- Uploading a statute file -----------------------------------------------------------------------------------------

def test_a_good_statute_file_is_imported_and_listed_as_imported(app, admin):
    response = upload(admin, guetersloh_copy())
    assert response.status_code == 302 and response.headers["Location"] == "/verwaltung/satzungen"
    page = admin.get("/verwaltung/satzungen").get_data(as_text=True)
    assert f"Satzung {NEW_ID} importiert, gültig ab 01.08.2025." in page
    assert re.search(rf"<td>{NEW_ID}</td>\s*<td>importiert</td>", page)
    assert stored(app, StatuteFile) == 1


def test_the_same_file_uploaded_again_is_reported_as_there_already(app, admin):
    upload(admin, guetersloh_copy())
    response = upload(admin, guetersloh_copy())
    assert response.status_code == 302
    assert "ist schon mit demselben Inhalt vorhanden" in admin.get("/verwaltung/satzungen").get_data(as_text=True)
    assert stored(app, StatuteFile) == 1


@pytest.mark.parametrize(("content", "name", "message"), [
    (BROKEN, "kaputt.toml", "kaputt.toml, Tabelle Zeile 6 (Datei-Zeile 39), Spalte u2_35h: negativer Betrag -223"),
    (guetersloh_copy(statute_id=GUETERSLOH), "neu.toml", f"Satzung {GUETERSLOH} ist schon vorhanden."),
    (guetersloh_copy(), "satzung.txt", "Wählen Sie eine Satzungsdatei im TOML-Format aus (Dateiendung .toml)."),
    (b"", "leer.toml", "Die ausgewählte Datei ist leer. Wählen Sie die Satzungsdatei aus."),
    (None, "", "Die ausgewählte Datei ist leer. Wählen Sie die Satzungsdatei aus."),
    (b"\xff\xfe\x00i\x00d", "utf16.toml", "Die Datei ist keine Textdatei in UTF-8."),
], ids=["broken", "shipped id", "not toml", "empty", "no file", "not utf-8"])
def test_a_file_that_cannot_be_imported_comes_back_with_the_message_in_the_error_summary_and_beside_the_field(
        app, admin, content, name, message):
    response = upload(admin, content, name)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert_refused_page(page)
    assert message in summary_links(page)["file"] and message in field_error(page, "file")
    assert 'aria-describedby="file-hint file-error"' in page
    assert stored(app, StatuteFile) == 0


def test_a_file_over_the_upload_limit_is_refused_with_the_limit_named(make_app, demo, login):
    app = make_app(MAX_STATUTE_BYTES=512 * 1024)
    padded = guetersloh_copy() + "# Kommentar\n" * 50_000
    page = upload(login(app.test_client(), ADMIN), padded).get_data(as_text=True)
    assert field_error(page, "file").startswith("Die Datei ist größer als 512 KB.")
    assert stored(app, StatuteFile) == 0


def test_an_upload_without_csrf_token_is_refused_and_imports_nothing(make_app, demo, login):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"',
                      client.get("/anmelden").get_data(as_text=True)).group(1)
    client.post("/anmelden", data={"email": ADMIN, "password": seed.DEMO_PASSWORD, "csrf_token": token})
    assert upload(client, guetersloh_copy()).status_code == 400
    assert stored(app, StatuteFile) == 0


# --- Applying a statute -------------------------------------------------------------------------------------------

def test_the_administrator_applies_an_imported_statute_from_a_date_and_the_schedule_shows_it(admin):
    upload(admin, guetersloh_copy())
    form = admin.get("/verwaltung/satzungen/anwenden").get_data(as_text=True)
    assert f'<option value="{NEW_ID}">' in form and 'name="valid_from-day"' in form
    response = assign(admin, NEW_ID, "1", "8", "2025")
    assert response.status_code == 302
    page = admin.get("/verwaltung/satzungen").get_data(as_text=True)
    assert f"Die Satzung {NEW_ID} gilt ab dem 01.08.2025." in page
    assert [row.split()[0] for row in schedule_rows(page)] == ["01.08.2024", "01.08.2025"]
    assert schedule_rows(page)[1].endswith(NEW_ID)


@pytest.mark.parametrize(("data", "field", "message"), [
    (("koeln-2025", "1", "7", "2025"), "valid_from",
     "Die Satzung koeln-2025 gilt erst ab dem 01.08.2025. Geben Sie dieses oder ein späteres Datum an."),
    (("koeln-2025", "15", "8", "2025"), "valid_from", "Eine Satzung gilt immer ab dem Ersten eines Monats."),
    (("gibt-es-nicht", "1", "8", "2025"), "statute_id", "Eine Satzung mit der Kennung „gibt-es-nicht“ gibt es nicht."),
    (("", "", "", ""), "statute_id", "Wählen Sie die Satzung aus, die gelten soll."),
    (("", "", "", ""), "valid_from", "Geben Sie an, ab wann die Satzung gelten soll."),
])
def test_a_statute_that_cannot_apply_from_that_date_is_refused_beside_the_field_with_the_entries_kept(
        app, admin, data, field, message):
    response = assign(admin, *data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert_refused_page(page)
    assert message in field_error(page, field) and message in summary_links(page)[field]
    if data[0] == "koeln-2025":
        assert '<option selected value="koeln-2025">' in page and 'name="valid_from-month" type="text" ' \
            f'inputmode="numeric" value="{data[2]}"' in page
    assert stored(app, OfficeStatute) == 1


@pytest.mark.parametrize("who", [CLERK, "kita-sonnenblume@musterstadt.example"])
def test_other_staff_get_404_from_every_statute_page_and_change_nothing(app, demo, login, who):
    client = login(app.test_client(), who)
    for path in PAGES:
        assert client.get(path).status_code == 404
    assert upload(client, guetersloh_copy()).status_code == 404
    assert assign(client, "koeln-2025", "1", "8", "2025").status_code == 404
    assert (stored(app, StatuteFile), stored(app, OfficeStatute)) == (0, 1)


# --- What the schedule means ------------------------------------------------------------------------------------------

def parents_estimate(app, login, start_month: str) -> str:
    """Report Lena with care from the 1st of a month of 2025, declare 52,000 €, and return the parents' estimate."""
    case = report(login(app.test_client(), "kita-sonnenblume@musterstadt.example"), **{"start_date-month": start_month})
    parent = app.test_client()
    register(parent, access_code_in(document_bytes(app, case.id, "invitation")), email=f"p{start_month}@x.example")
    declare_income(parent, case.id)
    page = parent.get(f"/eltern/faelle/{case.id}/erklaerung/pruefen").get_data(as_text=True)
    return re.search(r'id="estimate">([^<]*)<', page).group(1)


def test_a_case_starting_when_a_newer_statute_applies_is_estimated_under_it_and_an_earlier_one_is_not(
        app, admin, login):
    upload(admin, guetersloh_copy())  # row 6, under 2, 35 hours: 230 € instead of 223 €
    assign(admin, NEW_ID, "1", "8", "2025")
    assert parents_estimate(app, login, "8") == "230,00 € im Monat"
    assert parents_estimate(app, login, "7") == "223,00 € im Monat"


@pytest.fixture
def ogs_facility(app, demo, login):
    """Add an OGS to the demo office and sign its account in."""
    with app.app_context():
        session = db.session()
        office = session.scalars(select(YouthOffice)).one()
        facility = Facility(office=office, name="OGS Grundschule Am Bach", care_kind="ogs", street="Bachweg 2",
                            postcode_city="33330 Musterstadt")
        session.add(facility)
        session.flush()
        session.add(accounts.new_user(OGS, seed.DEMO_PASSWORD, facility.name, "facility", office_id=office.id,
                                      facility_id=facility.id))
        commit(session)
    return login(app.test_client(), OGS)


SCHOOL_CHILD = {"birth_date-year": "2018", "start_date-month": "7"}


def test_an_ogs_admission_in_an_office_without_an_ogs_statute_is_refused_in_german_at_the_start_date(ogs_facility):
    response = ogs_facility.post("/einrichtung/aufnahme", data={**ADMISSION, **SCHOOL_CHILD})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert_refused_page(page)
    assert field_error(page, "start_date") == (
        "Für die Betreuungsart „Offene Ganztagsschule (OGS)“ gilt am 01.07.2025 keine Beitragssatzung des "
        "Jugendamts. Die Aufnahme kann erst gemeldet werden, wenn das Jugendamt eine Satzung festgelegt hat. "
        "Wenden Sie sich an das Jugendamt.")


def test_once_an_ogs_statute_applies_the_ogs_admits_children_in_its_school_year_and_no_later(
        app, admin, ogs_facility):
    assert assign(admin, "ennigerloh-ogs-2024", "1", "8", "2024").status_code == 302
    accepted = ogs_facility.post("/einrichtung/aufnahme", data={**ADMISSION, **SCHOOL_CHILD})
    assert accepted.status_code == 302
    later = ogs_facility.post("/einrichtung/aufnahme", data={**ADMISSION, **SCHOOL_CHILD, "start_date-month": "8"})
    assert "gilt am 01.08.2025 keine Beitragssatzung" in field_error(later.get_data(as_text=True), "start_date")
