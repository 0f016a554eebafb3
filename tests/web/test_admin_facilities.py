"""The office's administrator keeps its facilities: creates, edits, deactivates and reactivates them — in the
browser and with ``flask facilities …`` — and never reaches another office's."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from elternbeitraege import db
from elternbeitraege.models import AuditEntry, Facility, FeeCase
from elternbeitraege.services import demo as seed
from tests.conftest import TODAY
from tests.web import two_offices

ADMIN = "verwaltung@musterstadt.example"
CLERK = "sachbearbeitung@musterstadt.example"
SONNENBLUME = "kita-sonnenblume@musterstadt.example"
KITA = {"name": "Kita Pusteblume", "care_kind": "kita", "street": "Wiesenweg 5", "postcode_city": "33330 Musterstadt",
        "number": "K-4711", "contact_name": "Petra Leitung", "contact_email": "Pusteblume@Musterstadt.example",
        "contact_phone": "05241 555-12"}


@pytest.fixture
def admin(app, demo, login):
    return login(app.test_client(), ADMIN)


def facility_id(app, name: str) -> int:
    with app.app_context():
        return db.session().scalars(select(Facility.id).where(Facility.name == name)).one()


def entries(app, subject: str, subject_id: int) -> list[AuditEntry]:
    with app.app_context():
        return list(db.session().scalars(select(AuditEntry).where(AuditEntry.subject == subject,
                                                                  AuditEntry.subject_id == subject_id)
                                         .order_by(AuditEntry.id)))


def test_an_admin_who_creates_a_kita_sees_it_in_the_list_with_its_number_and_the_change_recorded(app, admin):
    response = admin.post("/verwaltung/einrichtungen/neu", data=KITA)
    assert response.status_code == 302
    created = facility_id(app, "Kita Pusteblume")
    with app.app_context():
        facility = db.session().get(Facility, created)
        assert (facility.number, facility.contact_email, facility.active) == (
            "K-4711", "pusteblume@musterstadt.example", True)
    listing = admin.get("/verwaltung/einrichtungen").get_data(as_text=True)
    assert "Kita Pusteblume" in listing and "K-4711" in listing
    [entry] = entries(app, "facility", created)
    assert entry.action == "created" and json.loads(entry.after)["name"] == "Kita Pusteblume"


def test_a_kita_without_name_and_with_a_bad_email_is_refused_with_a_message_per_field_and_the_input_kept(app, admin):
    response = admin.post("/verwaltung/einrichtungen/neu",
                          data=KITA | {"name": "  ", "contact_email": "kita-at-musterstadt", "care_kind": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Fehler: Einrichtung anlegen" in page
    assert "Geben Sie den Namen der Einrichtung an" in page
    assert "Geben Sie die E-Mail-Adresse mit @ und Domain an" in page
    assert "Wählen Sie aus, welche Art der Betreuung" in page
    assert 'value="kita-at-musterstadt"' in page and 'value="Wiesenweg 5"' in page and 'value="K-4711"' in page
    with app.app_context():
        assert db.session().scalars(select(Facility).where(Facility.street == "Wiesenweg 5")).all() == []


@pytest.mark.parametrize("changes, message", [
    ({"postcode_city": "Musterstadt"}, "Geben Sie erst die fünfstellige Postleitzahl an"),
    ({"care_kind": "zoo"}, "Wählen Sie eine der angebotenen Betreuungsarten aus"),
    ({"contact_phone": "ruf mich an"}, "Geben Sie die Telefonnummer nur mit Ziffern"),
    ({"name": "K" * 201}, "Kürzen Sie den Namen auf höchstens 200 Zeichen."),
    ({"street": ""}, "Geben Sie Straße und Hausnummer der Einrichtung an"),
])
def test_each_malformed_value_of_a_facility_gets_its_own_message(admin, changes, message):
    response = admin.post("/verwaltung/einrichtungen/neu", data=KITA | changes)
    assert response.status_code == 400 and message in response.get_data(as_text=True)


def test_an_admin_who_edits_a_facility_sees_the_change_in_the_record_with_before_and_after(app, admin):
    regenbogen = facility_id(app, "Kita Regenbogen")
    form = admin.get(f"/verwaltung/einrichtungen/{regenbogen}/bearbeiten").get_data(as_text=True)
    assert 'value="Am Park 12"' in form
    response = admin.post(f"/verwaltung/einrichtungen/{regenbogen}/bearbeiten",
                          data={"name": "Kita Regenbogenland", "care_kind": "kita", "street": "Am Park 14",
                                "postcode_city": "33330 Musterstadt", "number": "", "contact_name": "",
                                "contact_email": "", "contact_phone": ""})
    assert response.status_code == 302
    [entry] = entries(app, "facility", regenbogen)
    assert json.loads(entry.before) == {"name": "Kita Regenbogen", "street": "Am Park 12"}
    assert json.loads(entry.after) == {"name": "Kita Regenbogenland", "street": "Am Park 14"}
    record = admin.get("/verwaltung/protokoll").get_data(as_text=True)
    assert "Einrichtung Kita Regenbogenland: geändert" in record
    assert "Straße: Am Park 12 → Am Park 14" in record and "Anton Administrator (Fachadministration)" in record


def test_a_deactivated_facility_cannot_sign_in_reports_nothing_and_its_cases_stay_in_the_worklist(app, admin, login):
    kita = login(app.test_client(), SONNENBLUME)  # signed in before the deactivation
    sonnenblume = facility_id(app, "Kita Sonnenblume")
    confirm = admin.get(f"/verwaltung/einrichtungen/{sonnenblume}/deaktivieren")
    assert confirm.status_code == 200 and "Kita Sonnenblume deaktivieren?" in confirm.get_data(as_text=True)
    with app.app_context():
        assert db.session().get(Facility, sonnenblume).active  # the question changes nothing
    assert admin.post(f"/verwaltung/einrichtungen/{sonnenblume}/deaktivieren").status_code == 302
    with app.app_context():
        assert not db.session().get(Facility, sonnenblume).active
        cases = db.session().scalars(select(FeeCase).where(FeeCase.facility_id == sonnenblume)).all()
        assert cases
        file_numbers = [case.file_number for case in cases]

    next_request = kita.get("/einrichtung/")
    assert next_request.status_code == 302 and "/anmelden" in next_request.headers["Location"]
    refused = app.test_client().post("/anmelden", data={"email": SONNENBLUME, "password": seed.DEMO_PASSWORD})
    assert refused.status_code != 302
    worklist = login(app.test_client(), CLERK).get("/amt/").get_data(as_text=True)
    assert all(number in worklist for number in file_numbers)

    again = admin.post(f"/verwaltung/einrichtungen/{sonnenblume}/deaktivieren")
    assert again.status_code == 400 and "Die Einrichtung ist schon deaktiviert." in again.get_data(as_text=True)
    assert admin.post(f"/verwaltung/einrichtungen/{sonnenblume}/reaktivieren").status_code == 302
    assert [entry.action for entry in entries(app, "facility", sonnenblume)] == ["deactivated", "reactivated"]
    kita = login(app.test_client(), SONNENBLUME)
    assert kita.get("/einrichtung/").status_code == 200


def test_a_deactivated_facility_is_not_offered_for_a_new_account(app, admin):
    petra = facility_id(app, "Kindertagespflege Petra Beispiel")
    admin.post(f"/verwaltung/einrichtungen/{petra}/deaktivieren")
    page = admin.get("/verwaltung/konten/einladen").get_data(as_text=True)
    sonnenblume = facility_id(app, "Kita Sonnenblume")
    assert f'<option value="{sonnenblume}">Kita Sonnenblume' in page and f'<option value="{petra}">' not in page
    refused = admin.post("/verwaltung/konten/einladen", data={"display_name": "Petra", "role": "facility",
                                                               "email": "petra@musterstadt.example",
                                                               "facility_id": str(petra)})
    assert refused.status_code == 400 and "Die Einrichtung ist deaktiviert." in refused.get_data(as_text=True)


def test_facility_pages_answer_404_for_a_clerk(app, demo, login):
    clerk = login(app.test_client(), CLERK)
    sonnenblume = facility_id(app, "Kita Sonnenblume")
    for target in ("/verwaltung/einrichtungen", f"/verwaltung/einrichtungen/{sonnenblume}",
                   "/verwaltung/einrichtungen/neu", "/verwaltung/protokoll"):
        assert clerk.get(target).status_code == 404, target
    assert clerk.post(f"/verwaltung/einrichtungen/{sonnenblume}/deaktivieren").status_code == 404


def test_another_offices_facility_answers_404_on_every_page_and_changes_nothing(app, login):
    world = two_offices.build(app, TODAY)
    admin = login(app.test_client(), two_offices.LOGINS["admin_a"], world.password("admin_a"))
    waldwichtel = facility_id(app, "Kita Waldwichtel")
    for method, target in [("GET", ""), ("GET", "/bearbeiten"), ("POST", "/bearbeiten"), ("GET", "/deaktivieren"),
                           ("POST", "/deaktivieren"), ("POST", "/reaktivieren")]:
        response = admin.open(f"/verwaltung/einrichtungen/{waldwichtel}{target}", method=method, data=KITA)
        assert response.status_code == 404, (method, target)
    listing = admin.get("/verwaltung/einrichtungen").get_data(as_text=True)
    assert "Waldwichtel" not in listing
    with app.app_context():
        facility = db.session().get(Facility, waldwichtel)
        assert (facility.name, facility.active) == ("Kita Waldwichtel", True)
        assert entries(app, "facility", waldwichtel) == []


def test_the_record_shows_only_the_own_offices_changes(app, login):
    world = two_offices.build(app, TODAY)
    admin_b = login(app.test_client(), two_offices.LOGINS["admin_b"], world.password("admin_b"))
    admin_b.post("/verwaltung/einrichtungen/neu", data=KITA | {"name": "Kita Bachkiesel",
                                                                "postcode_city": "44440 Beispielhausen"})
    admin_a = login(app.test_client(), two_offices.LOGINS["admin_a"], world.password("admin_a"))
    admin_a.post("/verwaltung/einrichtungen/neu", data=KITA)
    record_a = admin_a.get("/verwaltung/protokoll").get_data(as_text=True)
    record_b = admin_b.get("/verwaltung/protokoll").get_data(as_text=True)
    assert "Kita Pusteblume" in record_a and "Bachkiesel" not in record_a
    assert "Bachkiesel" in record_b and "Pusteblume" not in record_b


def test_the_record_is_newest_first_and_paged_by_fifty(app, admin):
    sonnenblume = facility_id(app, "Kita Sonnenblume")
    for number in range(60):
        response = admin.post(f"/verwaltung/einrichtungen/{sonnenblume}/bearbeiten",
                              data={"name": "Kita Sonnenblume", "care_kind": "kita", "street": "Blumenweg 3",
                                    "postcode_city": "33330 Musterstadt", "number": f"N-{number}"})
        assert response.status_code == 302
    first = admin.get("/verwaltung/protokoll").get_data(as_text=True)
    assert "Seite 1 von 2" in first and "(60 insgesamt)" in first
    assert "N-58 → N-59" in first and "N-9 → N-10" in first and "→ N-0<" not in first
    assert first.index("N-58 → N-59") < first.index("N-57 → N-58")
    second = admin.get("/verwaltung/protokoll?seite=2").get_data(as_text=True)
    assert "Seite 2 von 2" in second and "→ N-0<" in second and "N-58 → N-59" not in second
    assert admin.get("/verwaltung/protokoll?seite=abc").status_code == 200
    assert "Seite 2 von 2" in admin.get("/verwaltung/protokoll?seite=99").get_data(as_text=True)


# --- The same on the command line -------------------------------------------------------------------------------
