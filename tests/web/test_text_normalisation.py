"""Hostile and careless text through the pages: blanks and invisible characters count as nothing, every value is
stored normalised, what was typed comes back as typed, and nothing gives a 500."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from elternbeitraege import db
from elternbeitraege.forms import BIDI, UNREADABLE
from elternbeitraege.models import Child, Declaration, FeeCase, Household, YouthOffice
from elternbeitraege.services import demo as seed
from tests.web import two_offices
from tests.web.steps import ADMISSION, declare_income, newest_case, register, report, version_of
from tests.web.test_forms import assert_refused_page, field_error, input_value, summary_links

CLERK = "sachbearbeitung@musterstadt.example"
FACILITY = "kita-sonnenblume@musterstadt.example"
AUFNAHME = "/einrichtung/aufnahme"
BLANKS = " \t\u00a0\u3000"  # space, tab, no-break space, ideographic space
INVISIBLE = "\u200b\ufeff\u2060"  # zero-width space, byte order mark, word joiner


@pytest.fixture
def facility(app, demo, login):
    return login(app.test_client(), FACILITY)


@pytest.fixture
def clerk(app, demo, login):
    return login(app.test_client(), CLERK)


def cases_stored(app) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(FeeCase))


def refused_page(response, status: int = 200) -> str:
    assert response.status_code == status, response.get_data(as_text=True)[:2000]
    page = response.get_data(as_text=True)
    assert_refused_page(page)
    return page


def multipart(parts: list[tuple[str, bytes | FileStorage]]) -> tuple[bytes, str]:
    """Return a multipart body built byte for byte (a file part where a FileStorage is given) and its type."""
    body = b""
    for name, value in parts:
        if isinstance(value, FileStorage):
            boundary, one = encode_multipart({name: value}, boundary="grenze")
            body += one.removesuffix(b"--grenze--\r\n")
        else:
            body += b'--grenze\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' % (name.encode(), value)
    return body + b"--grenze--\r\n", "multipart/form-data; boundary=grenze"


# --- The admission ---------------------------------------------------------------------------------------------

REQUIRED = {
    "child_first_name": "Geben Sie den Vornamen des Kindes an.",
    "child_last_name": "Geben Sie den Nachnamen des Kindes an.",
    "parent1_first_name": "Geben Sie den Vornamen des ersten Elternteils an.",
    "parent1_last_name": "Geben Sie den Nachnamen des ersten Elternteils an.",
    "street": "Geben Sie Straße und Hausnummer an.",
    "city": "Geben Sie den Ort an.",
    "postcode": "Geben Sie die Postleitzahl an.",
}


@pytest.mark.parametrize("typed", [BLANKS, INVISIBLE, BLANKS + INVISIBLE], ids=["blanks", "invisible", "both"])
@pytest.mark.parametrize("field", REQUIRED)
def test_a_required_admission_field_with_only_blanks_or_invisible_characters_gets_its_message_and_nothing_is_stored(
        app, facility, field, typed):
    data = {**ADMISSION, field: typed}
    page = refused_page(facility.post(AUFNAHME, data=data))
    assert summary_links(page) == {field: REQUIRED[field]}
    assert field_error(page, field) == REQUIRED[field]
    assert {name: input_value(page, name) for name in data if name != "weekly_hours"} == {
        name: value for name, value in data.items() if name != "weekly_hours"}
    assert cases_stored(app) == 1  # the demo case only


def test_an_admission_typed_with_blanks_and_invisible_characters_is_stored_normalised(app, facility):
    case = report(facility, child_first_name="\u00a0Le\u200bna ", child_last_name="Mu\u0308ller\u3000",
                  parent1_first_name="\ufeffJulia", parent2_first_name=INVISIBLE, parent2_last_name=BLANKS,
                  street="Hauptstraße\u00a01\t", postcode=" 33330 ", city="Mu\u0308nster")
    with app.app_context():
        session = db.session()
        child, household = session.get(Child, case.child_id), session.get(Household, case.household_id)
        assert (child.first_name, child.last_name) == ("Lena", "M\u00fcller")
        assert (household.parent1_first_name, household.parent2_first_name, household.parent2_last_name) == (
            "Julia", None, None)
        assert (household.street, household.postcode, household.city) == ("Hauptstraße 1", "33330", "M\u00fcnster")


@pytest.mark.parametrize(("field", "typed", "message"), [
    ("child_first_name", "Lena\u202eanneL", BIDI.format(label="Vorname des Kindes")),
    ("child_last_name", "\u2067Beispiel\u2069", BIDI.format(label="Nachname des Kindes")),
    ("child_first_name", "x" * 100_000, "Höchstens 100 Zeichen."),
    ("street", "Hauptstraße " * 10_000, "Höchstens 200 Zeichen."),
    ("city", "M" * 101, "Höchstens 100 Zeichen."),
    ("postcode", "3" * 100_000, "Die Postleitzahl hat 5 Ziffern, z. B. 33330."),
    ("postcode", "\u0663\u0663\u0663\u0663\u0660", "Die Postleitzahl hat 5 Ziffern, z. B. 33330."),
], ids=["RTL override", "directional isolate", "100,000 characters", "120,000 characters of street", "101 characters",
        "100,000 digits", "Arabic-Indic digits"])
def test_a_name_that_looks_other_than_it_is_or_is_too_long_is_refused_and_kept_as_typed(
        app, facility, field, typed, message):
    page = refused_page(facility.post(AUFNAHME, data={**ADMISSION, field: typed}))
    assert summary_links(page) == {field: message}
    assert field_error(page, field) == message
    assert input_value(page, field) == typed and input_value(page, "parent1_first_name") == "Julia"
    assert cases_stored(app) == 1


def test_bytes_that_are_no_utf8_are_refused_and_shown_as_the_replacement_character(app, facility):
    parts = [(name, value.encode()) for name, value in ADMISSION.items() if name != "child_first_name"]
    body, content_type = multipart([("child_first_name", b"Le\xffna"), *parts])
    page = refused_page(facility.post(AUFNAHME, data=body, content_type=content_type))
    message = UNREADABLE.format(label="Vorname des Kindes")
    assert summary_links(page) == {"child_first_name": message}
    assert input_value(page, "child_first_name") == "Le\ufffdna" and input_value(page, "street") == "Hauptstraße 1"
    assert cases_stored(app) == 1


def test_a_file_sent_in_place_of_a_name_counts_as_no_name(app, facility):
    parts = [(name, value.encode()) for name, value in ADMISSION.items() if name != "child_first_name"]
    body, content_type = multipart([("child_first_name", FileStorage(io.BytesIO(b"Lena"), "name.txt")), *parts])
    page = refused_page(facility.post(AUFNAHME, data=body, content_type=content_type))
    assert summary_links(page) == {"child_first_name": "Geben Sie den Vornamen des Kindes an."}
    assert cases_stored(app) == 1


JSON_BODIES = {
    "an object with a lone surrogate, numbers and lists": {
        **ADMISSION, "child_first_name": "Le\ud800na", "weekly_hours": 35, "street": ["Hauptstraße 1", "2"],
        "birth_date-day": 15, "postcode": None},
    "a string": "Lena", "a number": 5, "a list": [1, 2],
}


@pytest.mark.parametrize("body", JSON_BODIES.values(), ids=JSON_BODIES.keys())
def test_a_json_body_sent_to_a_page_is_read_as_an_empty_form(app, facility, body):
    page = refused_page(facility.post(AUFNAHME, json=body))
    assert summary_links(page)["child_first_name"] == "Geben Sie den Vornamen des Kindes an."
    assert cases_stored(app) == 1


# --- The parents' household page and mandate -------------------------------------------------------------------

@pytest.fixture
def parent(app, demo):
    """Return a parent signed in through registration, and the id of the demo case."""
    client = app.test_client()
    assert register(client, seed.DEMO_CODE).status_code == 302
    return client, newest_case(app).id


def declaration_of(app, case_id: int) -> Declaration | None:
    with app.app_context():
        return db.session().scalars(select(Declaration).where(Declaration.case_id == case_id)).first()


@pytest.mark.parametrize("typed", [BLANKS, INVISIBLE], ids=["blanks", "invisible"])
def test_the_other_parents_name_of_only_blanks_or_invisible_characters_is_asked_for_again(app, parent, typed):
    client, case_id = parent
    response = client.post(f"/eltern/faelle/{case_id}/erklaerung/haushalt",
                           data={"lives_with": "both", "other_first_name": typed, "other_last_name": "Beispiel"})
    page = refused_page(response)
    assert field_error(page, "other_first_name") == "Geben Sie den Vornamen des anderen Elternteils an."
    assert input_value(page, "other_first_name") == typed and input_value(page, "other_last_name") == "Beispiel"
    declaration = declaration_of(app, case_id)
    assert declaration is None or declaration.other_parent_first_name is None


def test_the_other_parents_name_is_stored_without_blanks_and_composed(app, parent):
    client, case_id = parent
    response = client.post(f"/eltern/faelle/{case_id}/erklaerung/haushalt", data={
        "lives_with": "both", "other_first_name": "\u200b Tom\u00a0", "other_last_name": "Mu\u0308ller\t"})
    assert response.status_code == 302
    declaration = declaration_of(app, case_id)
    assert (declaration.other_parent_first_name, declaration.other_parent_last_name) == ("Tom", "M\u00fcller")


@pytest.mark.parametrize(("field", "typed", "message"), [
    ("account_holder", INVISIBLE, "Geben Sie den Namen der Kontoinhaberin oder des Kontoinhabers an."),
    ("account_holder", "J" * 100_000, "Höchstens 70 Zeichen."),
    ("iban", BLANKS, "Geben Sie Ihre IBAN an."),
    ("iban", "DE89" + "0" * 100_000, "Geben Sie eine gültige IBAN an, z. B. DE89 3704 0044 0532 0130 00."),
], ids=["invisible holder", "holder of 100,000 characters", "blank IBAN", "IBAN of 100,000 characters"])
def test_a_mandate_with_an_empty_or_endless_value_is_refused_and_nothing_is_stored(app, parent, field, typed, message):
    client, case_id = parent
    data = {"account_holder": "Julia Beispiel", "iban": "DE89 3704 0044 0532 0130 00", "agree": "y", field: typed}
    page = refused_page(client.post(f"/eltern/faelle/{case_id}/erklaerung/lastschrift", data=data))
    assert summary_links(page) == {field: message}
    declaration = declaration_of(app, case_id)
    assert declaration is None or declaration.mandate_agreed_at is None


# --- The clerk ----------------------------------------------------------------------------------------------------

@pytest.fixture
def in_review(app, parent, clerk):
    """Return the id of the demo case, declared and submitted by the parents and taken up by the clerk."""
    client, case_id = parent
    declare_income(client, case_id)
    assert client.post(f"/eltern/faelle/{case_id}/erklaerung/pruefen").status_code == 302
    started = clerk.post(f"/amt/faelle/{case_id}/pruefung", data={"version": version_of(clerk, case_id)})
    assert started.status_code == 302
    return case_id


def documents_request_of(app, case_id: int) -> tuple:
    with app.app_context():
        case = db.session().get(FeeCase, case_id)
        return case.status, case.version, case.documents_message


def ask_for_proofs(clerk, case_id: int, message: str):
    return clerk.post(f"/amt/faelle/{case_id}/nachweise-anfordern", data={
        "version": version_of(clerk, case_id), "message": message,
        "deadline-day": "31", "deadline-month": "7", "deadline-year": "2025"})


@pytest.mark.parametrize("typed", ["\r\n\t " + BLANKS, "\n" + INVISIBLE + "\n"], ids=["blank lines", "invisible"])
def test_a_proof_request_without_a_visible_message_is_refused_and_changes_nothing(app, clerk, in_review, typed):
    before = documents_request_of(app, in_review)
    page = refused_page(ask_for_proofs(clerk, in_review, typed), status=400)
    assert field_error(page, "message") == "Schreiben Sie, welche Nachweise fehlen."
    assert documents_request_of(app, in_review) == before


def test_a_proof_request_keeps_its_lines_without_the_blanks_around_them(app, clerk, in_review):
    response = ask_for_proofs(clerk, in_review, "\ufeff Bitte senden Sie:\r\n\t- die Dezember-Lohnabrechnung\r\n\r\n")
    assert response.status_code == 302
    assert documents_request_of(app, in_review)[2] == "Bitte senden Sie:\n\t- die Dezember-Lohnabrechnung"


@pytest.mark.parametrize("version", ["²", "\u0663", "9" * 5000, ""], ids=["superscript two", "Arabic-Indic three",
                                                                        "5000 digits", "empty"])
def test_an_act_with_a_version_that_is_no_number_is_refused_as_outdated_and_changes_nothing(
        app, clerk, facility, version):
    case_id = report(facility).id
    response = clerk.post(f"/amt/faelle/{case_id}/zurueckziehen", data={"version": version, "reason": "Umzug"})
    assert response.status_code == 302
    assert documents_request_of(app, case_id)[0] == "invited"


# --- The administrator ---------------------------------------------------------------------------------------------

def test_a_letterhead_value_of_only_invisible_characters_gets_the_services_message(app, demo, login):
    admin = login(app.test_client(), two_offices.LOGINS["admin_a"])
    letterhead = {"name": INVISIBLE + BLANKS, "street": "Am Markt 5", "postcode_city": "44444 Neustadt",
                  "contact_person": "Team", "phone": "04444 5566", "email": "kita@neustadt.example",
                  "website": "www.neustadt.example", "court_name": "Verwaltungsgericht Arnsberg",
                  "court_address": "Jägerstraße 1, 59821 Arnsberg", "dpo_contact": "datenschutz@neustadt.example",
                  "bank_name": "Volksbank Neustadt", "iban": "DE02 1203 0000 0000 2020 51", "bic": "BYLADEM1001",
                  "creditor_id": "DE79ZZZ01234567890"}
    boundary, body = encode_multipart(letterhead | {"logo": FileStorage(io.BytesIO(b""), "")})
    response = admin.post("/verwaltung/briefkopf", data=body, content_type=f"multipart/form-data; boundary={boundary}")
    page = refused_page(response, status=400)
    assert summary_links(page) == {
        "name": "Geben Sie den Namen des Jugendamts an, zum Beispiel Jugendamt Musterstadt."}
    assert input_value(page, "name") == INVISIBLE + BLANKS
    with app.app_context():
        assert db.session().scalar(select(func.count()).where(YouthOffice.street == "Am Markt 5")) == 0
