"""Forms and uploads: bad input is refused field by field in German, typed values stay, nothing is lost."""
from __future__ import annotations

import html as html_lib
import io
import re
from decimal import Decimal

import pytest
from PIL import Image
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from elternbeitraege import db
from elternbeitraege.models import AssessmentRecord, CaseEvent, Declaration, Document, FeeCase, IncomeItem, Proof
from elternbeitraege.services import demo as seed
from elternbeitraege.services.accounts import users as accounts
from tests.helpers import commit
from tests.web.steps import ADMISSION, declare_income, newest_case, register, upload_proof, version_of
from tests.web.two_offices import pdf_file, png_file

CLERK = "sachbearbeitung@musterstadt.example"
FACILITY = "kita-sonnenblume@musterstadt.example"


def input_value(page: str, name: str) -> str | None:
    """Return the value attribute of the input named ``name`` (unescaped), or None if there is none."""
    tag = re.search(rf'<input[^>]*\bname="{re.escape(name)}"[^>]*>', page)
    value = re.search(r'\bvalue="([^"]*)"', tag.group(0)) if tag else None
    return html_lib.unescape(value.group(1)) if value else None


def field_error(page: str, field_id: str) -> str:
    """Return the message shown beside a field (``<p id="…-error">``), without the hidden 'Fehler: '."""
    match = re.search(rf'<p class="kern-error" id="{re.escape(field_id)}-error"[^>]*>(.*?)</p>', page, re.S)
    assert match, f"no message beside {field_id}"
    return html_lib.unescape(re.sub(r"<[^>]+>", "", match.group(1))).replace("Fehler: ", "", 1)


def summary_links(page: str) -> dict[str, str]:
    """Return the error summary's links as field name → message, after checking that each link's target is
    on the page (a date links to its day input, a radio group to its first radio)."""
    summary = re.search(r"data-error-summary>(.*?)</div>\s*</div>", page, re.S)
    assert summary, "no error summary"
    links = re.findall(r'<a class="kern-link" href="#([^"]+)">([^<]*)</a>', summary.group(1))
    missing = [target for target, _text in links if f'id="{target}"' not in page]
    assert missing == [], f"the error summary links to ids that are not on the page: {missing}"
    return {re.sub(r"-(day|0)$", "", target): html_lib.unescape(text) for target, text in links}


def assert_refused_page(page: str) -> None:
    assert "<title>Fehler: " in page
    english = ("This field is required", "Not a valid", "Invalid", "must be")
    assert [word for word in english if word in page] == []


# --- The admission form ------------------------------------------------------------------------------------------

EMPTY_ADMISSION = {key: "" for key in ADMISSION} | {"weekly_hours": None}  # None: not sent, as a browser does
BAD_ADMISSIONS = [
    ("empty", EMPTY_ADMISSION, {
        "child_first_name": "Geben Sie den Vornamen des Kindes an.",
        "child_last_name": "Geben Sie den Nachnamen des Kindes an.",
        "birth_date": "Geben Sie das Geburtsdatum des Kindes an.",
        "weekly_hours": "Wählen Sie die gebuchte Betreuungszeit aus.",
        "start_date": "Geben Sie den Betreuungsbeginn an.",
        "parent1_first_name": "Geben Sie den Vornamen des ersten Elternteils an.",
        "parent1_last_name": "Geben Sie den Nachnamen des ersten Elternteils an.",
        "street": "Geben Sie Straße und Hausnummer an.",
        "postcode": "Geben Sie die Postleitzahl an.",
        "city": "Geben Sie den Ort an.",
    }),
    ("birth date 31.02.2024", {"birth_date-day": "31", "birth_date-month": "2", "birth_date-year": "2024"},
     {"birth_date": "Geburtsdatum des Kindes muss ein echtes Datum sein, z. B. 27.3.2024."}),
    ("letters in the dates", {"birth_date-day": "1a", "start_date-year": "zwanzig"},
     {"birth_date": "Geburtsdatum des Kindes muss aus Tag, Monat und Jahr in Ziffern bestehen.",
      "start_date": "Betreuungsbeginn muss aus Tag, Monat und Jahr in Ziffern bestehen."}),
    ("postcode 123", {"postcode": "123"}, {"postcode": "Die Postleitzahl hat 5 Ziffern, z. B. 33330."}),
    ("start before birth", {"start_date-day": "1", "start_date-month": "1", "start_date-year": "2024"},
     {"start_date": "Der Betreuungsbeginn muss nach dem Geburtsdatum liegen."}),
    ("only the surname of the second parent", {"parent2_first_name": ""},
     {"parent2_first_name": "Geben Sie auch den Vornamen des zweiten Elternteils an – oder lassen Sie beide Namen "
                            "leer."}),
]


@pytest.mark.parametrize(("changes", "messages"), [row[1:] for row in BAD_ADMISSIONS],
                         ids=[row[0] for row in BAD_ADMISSIONS])
def test_a_bad_admission_is_shown_again_with_a_german_message_per_field_and_all_typed_values(
        app, demo, login, changes, messages):
    facility = login(app.test_client(), FACILITY)
    data = {name: value for name, value in {**ADMISSION, **changes}.items() if value is not None}
    response = facility.post("/einrichtung/aufnahme", data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert_refused_page(page)
    assert summary_links(page) == messages
    for field, message in messages.items():
        assert field_error(page, field) == message
    kept = {name: input_value(page, name) for name, value in data.items() if name != "weekly_hours"}
    assert kept == {name: value for name, value in data.items() if name != "weekly_hours"}
    if data.get("weekly_hours"):
        assert re.search(r'<input checked[^>]*value="35"|<input[^>]*value="35"[^>]*checked', page)
    with app.app_context():
        assert db.session().scalar(select(func.count()).select_from(FeeCase)) == 1  # the demo case only


TAMPERED_ADMISSIONS = {"hours 99": {**ADMISSION, "weekly_hours": "99"},
                       "hours empty": {**ADMISSION, "weekly_hours": ""}}


@pytest.mark.parametrize("data", TAMPERED_ADMISSIONS.values(), ids=TAMPERED_ADMISSIONS.keys())
def test_an_hours_choice_the_admission_form_does_not_offer_is_refused_in_german(app, demo, login, data):
    response = login(app.test_client(), FACILITY).post("/einrichtung/aufnahme", data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert_refused_page(page)
    assert "weekly_hours" in summary_links(page)


# --- Registration ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["AAAA-BBBB-CCCC", seed.DEMO_CODE], ids=["wrong code", "code already used"])
def test_registration_with_a_code_that_opens_nothing_gives_a_message_at_the_code_field(app, demo, code):
    message = accounts.CODE_REFUSED
    assert register(app.test_client(), seed.DEMO_CODE, email="erste@beispiel.example").status_code == 302
    response = register(app.test_client(), code)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert_refused_page(page)
    assert summary_links(page) == {"code": message}
    assert field_error(page, "code") == message
    assert input_value(page, "code") == code and input_value(page, "email") == "julia@beispiel.example"


# --- Uploads -----------------------------------------------------------------------------------------------------

@pytest.fixture
def parent(app, demo):
    """Return a parent signed in through registration, and the id of the demo case."""
    client = app.test_client()
    assert register(client, seed.DEMO_CODE).status_code == 302
    return client, newest_case(app).id


def jpeg_file() -> bytes:
    """Return a real 8×8 JPEG."""
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def proofs_stored(app, case_id: int) -> list[tuple[str, str]]:
    with app.app_context():
        return [(proof.original_name, proof.media_type) for proof in
                db.session().scalars(select(Proof).where(Proof.case_id == case_id).order_by(Proof.id))]


def post_upload(client, case_id: int, content: bytes, name: str):
    """Upload a file with the request body built in memory (the test client spools big bodies to an unclosed
    temporary file, which ``filterwarnings = error`` turns into an error of the next test)."""
    boundary, body = encode_multipart({"kind": "income", "file": FileStorage(io.BytesIO(content), name)})
    return client.post(f"/eltern/faelle/{case_id}/erklaerung/nachweise", data=body,
                       content_type=f"multipart/form-data; boundary={boundary}")


TEN_MB = 10 * 1024 * 1024
REFUSED_UPLOADS = [
    ("over 10 MB", b"%PDF-" + b"0" * (TEN_MB - 4), "riesig.pdf",
     "Die Datei ist größer als 10 MB. Wählen Sie eine kleinere Datei aus."),
    ("empty file", b"", "leer.pdf", "Die ausgewählte Datei ist leer. Wählen Sie eine andere Datei aus."),
    ("no file chosen", None, "", "Wählen Sie eine Datei aus."),
    ("text named .pdf", b"Lohnabrechnung Dezember: 4.321,00 EUR", "dezember.pdf",
     "Die Datei muss ein PDF, JPG oder PNG sein."),
    ("HTML named .png", b"<html><script>alert(1)</script></html>", "bild.png",
     "Die Datei muss ein PDF, JPG oder PNG sein."),
    ("password-protected PDF", pdf_file(user_password="geheim"), "gesperrt.pdf",
     "Die PDF-Datei ist mit einem Passwort geschützt. Laden Sie eine Datei ohne Passwort hoch."),
    ("password-protected PDF (AES-256)", pdf_file(user_password="geheim", algorithm="AES-256"), "gesperrt.pdf",
     "Die PDF-Datei ist mit einem Passwort geschützt. Laden Sie eine Datei ohne Passwort hoch."),
    ("damaged PDF", b"%PDF-1.4 nur der Anfang", "kaputt.pdf",
     "Die PDF-Datei ist beschädigt und kann nicht geöffnet werden. Wählen Sie eine andere Datei aus."),
    ("JPEG signature without an image", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100, "foto.jpg",
     "Das Bild ist beschädigt und kann nicht geöffnet werden. Wählen Sie eine andere Datei aus."),
]


@pytest.mark.parametrize(("content", "name", "message"), [row[1:] for row in REFUSED_UPLOADS],
                         ids=[row[0] for row in REFUSED_UPLOADS])
def test_a_refused_upload_gets_its_own_message_and_the_earlier_uploads_stay(app, parent, content, name, message):
    client, case_id = parent
    assert upload_proof(client, case_id, pdf_file(), name="erster-nachweis.pdf").status_code == 302
    if content is None:
        response = client.post(f"/eltern/faelle/{case_id}/erklaerung/nachweise", data={"kind": "income"},
                               content_type="multipart/form-data")
    else:
        response = post_upload(client, case_id, content, name)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert_refused_page(page)
    assert field_error(page, "file") == message
    assert "erster-nachweis.pdf" in page
    assert proofs_stored(app, case_id) == [("erster-nachweis.pdf", "application/pdf")]


@pytest.mark.parametrize(("content", "name", "media_type", "stored_name"), [
    (pdf_file(), "lohnabrechnung.pdf", "application/pdf", "lohnabrechnung.pdf"),
    (png_file(), "scan.pdf", "image/png", "scan.png"),
    (jpeg_file(), "foto.txt", "image/jpeg", "foto.jpg"),
    (pdf_file(owner_password="nur-fuer-rechte"), "bescheid-jobcenter.pdf", "application/pdf",
     "bescheid-jobcenter.pdf"),
    (pdf_file(owner_password="nur-fuer-rechte", algorithm="AES-256"), "bescheid.pdf", "application/pdf",
     "bescheid.pdf"),
], ids=["PDF", "PNG named .pdf", "JPEG named .txt", "PDF that opens without a password",
        "AES-256 PDF that opens without a password"])
def test_an_upload_is_accepted_by_its_content_not_its_name_and_named_for_its_type(
        app, parent, login, content, name, media_type, stored_name):
    client, case_id = parent
    response = upload_proof(client, case_id, content, name=name)
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    assert proofs_stored(app, case_id) == [(stored_name, media_type)]
    with app.app_context():
        proof_id = db.session().scalars(select(Proof.id).where(Proof.case_id == case_id)).one()
    download = login(app.test_client(), CLERK).get(f"/amt/faelle/{case_id}/nachweise/{proof_id}")
    assert download.mimetype == media_type and download.data == content


def test_a_request_over_the_content_limit_gets_the_german_413_page_and_loses_nothing(make_app, demo):
    small = make_app(MAX_CONTENT_LENGTH=4096)
    client = small.test_client()
    assert register(client, seed.DEMO_CODE).status_code == 302
    case_id = newest_case(small).id
    assert upload_proof(client, case_id, pdf_file(), name="erster-nachweis.pdf").status_code == 302
    response = upload_proof(client, case_id, b"%PDF-" + b"0" * 8192, name="zu-gross.pdf")
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert '<html lang="de">' in page and "Datei zu groß" in page and "Request Entity Too Large" not in page
    assert proofs_stored(small, case_id) == [("erster-nachweis.pdf", "application/pdf")]
    assert "erster-nachweis.pdf" in client.get(f"/eltern/faelle/{case_id}/erklaerung/nachweise").get_data(as_text=True)


@pytest.mark.parametrize(("page", "data", "field"), [
    ("haushalt", {"lives_with": "drei"}, "lives_with"),
    ("leistungen", {"benefit": "lotto"}, "benefit"),
    ("nachweise", {"kind": "geheim"}, "kind"),
], ids=["household", "benefit", "proof kind"])
def test_a_declaration_choice_the_page_does_not_offer_is_refused_in_german(parent, page, data, field):
    client, case_id = parent
    response = client.post(f"/eltern/faelle/{case_id}/erklaerung/{page}", data=data)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert_refused_page(html)
    assert field in summary_links(html)


# --- Amounts and IBAN in the declaration ---------------------------------------------------------------------------

@pytest.fixture
def at_income(parent):
    """Answer the declaration up to the income of the one parent; return client and case id."""
    client, case_id = parent
    base = f"/eltern/faelle/{case_id}/erklaerung"
    for path, data in [("/kind", {"confirmed": "y"}), ("/haushalt", {"lives_with": "one"}),
                       ("/leistungen", {"benefit": "none"}), ("/einkommen", {"income_choice": "declare"})]:
        assert client.post(base + path, data=data).status_code == 302, path
    return client, case_id


def incomes_stored(app, case_id: int) -> tuple[list[tuple[str, Decimal]], bool]:
    with app.app_context():
        declaration = db.session().scalars(select(Declaration).where(Declaration.case_id == case_id)).one()
        items = db.session().scalars(select(IncomeItem).where(IncomeItem.declaration_id == declaration.id))
        return [(item.kind, item.amount) for item in items], declaration.incomes_done


@pytest.mark.parametrize(("typed", "stored"), [
    ("1.234,56 €", Decimal("1234.56")), ("52000", Decimal("52000.00")), ("52.000", Decimal("52000.00")),
    ("52.000,00", Decimal("52000.00")), ("41 500,5", Decimal("41500.50")), ("0,99 EUR", Decimal("0.99")),
])
def test_amounts_typed_the_german_way_are_stored_as_exact_decimals(app, at_income, typed, stored):
    client, case_id = at_income
    response = client.post(f"/eltern/faelle/{case_id}/erklaerung/einkommen/1", data={"employment": typed})
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    items, done = incomes_stored(app, case_id)
    assert items == [("employment", stored)] and done
    assert all(isinstance(amount, Decimal) for _kind, amount in items)


@pytest.mark.parametrize("typed", ["-500", "-1.234,56 €", "zwölftausend", "12,345", "1e5"])
def test_a_negative_or_malformed_amount_is_refused_with_a_message_and_kept_as_typed(app, at_income, typed):
    client, case_id = at_income
    response = client.post(f"/eltern/faelle/{case_id}/erklaerung/einkommen/1",
                           data={"employment": typed, "other": "1.000"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert_refused_page(page)
    assert field_error(page, "employment") == ("Einkünfte aus nichtselbstständiger Arbeit (Bruttoarbeitslohn): "
                                               "Geben Sie den Betrag in Euro an, z. B. 1.234,56 – ohne Minuszeichen.")
    assert input_value(page, "employment") == typed and input_value(page, "other") == "1.000"
    assert incomes_stored(app, case_id) == ([], False)


@pytest.mark.parametrize("typed", ["DE88 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130", "keine IBAN"],
                         ids=["wrong checksum", "too short", "words"])
def test_a_wrong_iban_is_refused_with_a_message_and_kept_as_typed(app, parent, typed):
    client, case_id = parent
    response = client.post(f"/eltern/faelle/{case_id}/erklaerung/lastschrift",
                           data={"account_holder": "Julia Beispiel", "iban": typed, "agree": "y"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert_refused_page(page)
    assert field_error(page, "iban") == "Geben Sie eine gültige IBAN an, z. B. DE89 3704 0044 0532 0130 00."
    assert input_value(page, "iban") == typed
    with app.app_context():
        declaration = db.session().scalars(select(Declaration).where(Declaration.case_id == case_id)).first()
        assert declaration is None or (declaration.iban is None and declaration.mandate_agreed_at is None)


def test_a_right_iban_with_spaces_and_small_letters_is_stored_compact(app, parent):
    client, case_id = parent
    response = client.post(f"/eltern/faelle/{case_id}/erklaerung/lastschrift", data={
        "account_holder": "Julia Beispiel", "iban": "de89 3704 0044 0532 0130 00", "agree": "y"})
    assert response.status_code == 302
    with app.app_context():
        declaration = db.session().scalars(select(Declaration).where(Declaration.case_id == case_id)).one()
        assert declaration.iban == "DE89370400440532013000" and declaration.mandate_agreed_at is not None


# --- The clerk's decisions ------------------------------------------------------------------------------------------

@pytest.fixture
def submitted(app, parent, login):
    """Return a clerk's client and the id of a case whose declaration the parents have submitted and the clerk
    has taken up for review."""
    client, case_id = parent
    declare_income(client, case_id)
    assert client.post(f"/eltern/faelle/{case_id}/erklaerung/pruefen").status_code == 302
    assert newest_case(app).status == "submitted"
    clerk = login(app.test_client(), CLERK)
    started = clerk.post(f"/amt/faelle/{case_id}/pruefung", data={"version": version_of(clerk, case_id)})
    assert started.status_code == 302
    return clerk, case_id


def case_state(app, case_id: int) -> tuple:
    with app.app_context():
        session = db.session()
        case = session.get(FeeCase, case_id)
        events = session.scalar(select(func.count()).where(CaseEvent.case_id == case_id))
        notices = session.scalar(select(func.count()).where(Document.case_id == case_id, Document.kind == "fee_notice"))
        assessments = session.scalar(select(func.count()).where(AssessmentRecord.case_id == case_id))
        return case.status, case.version, case.documents_due, case.documents_message, events, notices, assessments


@pytest.mark.parametrize(("deadline", "message"), [
    (("30", "6", "2025"), "Die Frist muss nach dem heutigen Tag liegen."),
    (("1", "7", "2025"), "Die Frist muss nach dem heutigen Tag liegen."),
    (("31", "6", "2025"), "Frist für die Nachweise muss ein echtes Datum sein, z. B. 27.3.2024."),
    (("", "", ""), "Geben Sie die Frist für die Nachweise an."),
], ids=["yesterday", "today", "31 June", "empty"])
def test_a_proof_request_with_a_deadline_not_in_the_future_is_refused_and_changes_nothing(
        app, submitted, deadline, message):
    clerk, case_id = submitted
    before = case_state(app, case_id)
    day, month, year = deadline
    response = clerk.post(f"/amt/faelle/{case_id}/nachweise-anfordern", data={
        "version": version_of(clerk, case_id), "message": "Bitte die Dezember-Lohnabrechnung.",
        "deadline-day": day, "deadline-month": month, "deadline-year": year})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert_refused_page(page)
    assert field_error(page, "deadline") == message
    assert "Bitte die Dezember-Lohnabrechnung." in page
    assert case_state(app, case_id) == before


SECOND_ACTS = {
    "approve provisionally": ("festsetzen", {"kind": "provisional"}, "Der Beitrag wurde nicht festgesetzt."),
    "approve finally": ("festsetzen", {"kind": "final"}, "Der Beitrag wurde nicht festgesetzt."),
    "request proofs": ("nachweise-anfordern", {"message": "Bitte Steuerbescheid.", "deadline-day": "31",
                                               "deadline-month": "7", "deadline-year": "2025"},
                       "Die Nachweise wurden nicht angefordert."),
}


def second_clerk(app, login):
    """Add a second clerk to the demo office and return the client signed in as her."""
    with app.app_context():
        session = db.session()
        session.add(accounts.new_user("zweite-sachbearbeitung@musterstadt.example", seed.DEMO_PASSWORD,
                                      "Zora Zweite", "clerk", office_id=newest_case(app).office_id))
        commit(session)
    return login(app.test_client(), "zweite-sachbearbeitung@musterstadt.example")


@pytest.mark.parametrize("who_second", ["another clerk", "the same clerk sending the form twice"])
@pytest.mark.parametrize("act", sorted(SECOND_ACTS))
def test_a_decision_on_a_stale_version_is_refused_clearly_and_the_notice_is_issued_once(
        app, submitted, login, act, who_second):
    clerk, case_id = submitted
    other = second_clerk(app, login) if who_second == "another clerk" else clerk
    seen = version_of(other, case_id)
    assert seen == version_of(clerk, case_id)
    first = clerk.post(f"/amt/faelle/{case_id}/festsetzen", data={"version": seen, "kind": "provisional"})
    assert first.status_code == 302
    after_first = case_state(app, case_id)
    assert after_first[0] == "facility_notified" and after_first[5:] == (1, 1)

    path, data, refused = SECOND_ACTS[act]
    response = other.post(f"/amt/faelle/{case_id}/{path}", data={"version": seen, **data}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Der Fall wurde inzwischen von jemand anderem bearbeitet." in page and refused in page
    assert case_state(app, case_id) == after_first


def test_when_two_clerks_approve_at_the_same_moment_the_later_gets_the_clear_message_and_one_notice(
        app, make_app, submitted, login):
    """The race the version check alone cannot see: both clerks pass the check, then the first commits while
    the second is about to write. The second clerk works on another app instance (as on another worker);
    the first clerk's whole request runs from the second request's first flush of the approval."""
    clerk, case_id = submitted
    second_clerk(app, login)
    other = login(make_app().test_client(), "zweite-sachbearbeitung@musterstadt.example")
    seen = version_of(other, case_id)
    path = f"/amt/faelle/{case_id}/festsetzen"
    race = {}

    def first_clerk_approves_meanwhile(session, _context, _instances):
        approving = any(isinstance(obj, FeeCase) and obj.status == "approved" for obj in session.dirty)
        if approving and "first" not in race:
            race["first"] = None  # the first clerk's own flush must not start another race
            race["first"] = clerk.post(path, data={"version": seen, "kind": "provisional"}).status_code

    event.listen(Session, "before_flush", first_clerk_approves_meanwhile)
    try:
        response = other.post(path, data={"version": seen, "kind": "provisional"})
    finally:
        event.remove(Session, "before_flush", first_clerk_approves_meanwhile)
    assert race == {"first": 302}
    status, *_rest, notices, assessments = case_state(app, case_id)
    assert (status, notices, assessments) == ("facility_notified", 1, 1)
    assert response.status_code == 302, "the later clerk got an error page instead of the message"
    assert "Der Fall wurde inzwischen von jemand anderem bearbeitet." in other.get(
        f"/amt/faelle/{case_id}").get_data(as_text=True)


@pytest.mark.parametrize(("path", "data", "refused"), [
    ("festsetzen", {"kind": "provisional"}, "Der Beitrag wurde nicht festgesetzt."),
    ("nachweise-anfordern", {"message": "Bitte Steuerbescheid.", "deadline-day": "31", "deadline-month": "7",
                             "deadline-year": "2025"}, "Die Nachweise wurden nicht angefordert."),
], ids=["approve", "request proofs"])
def test_an_act_the_cases_state_does_not_allow_is_refused_in_german_without_internal_words(
        app, demo, login, path, data, refused):
    """The demo case waits for the parents (invited): a clerk's act on it, sent with its current version
    (a crafted request, or a form from another tab), must be refused in the interface's words."""
    clerk = login(app.test_client(), CLERK)
    case_id = newest_case(app).id
    before = case_state(app, case_id)
    response = clerk.post(f"/amt/faelle/{case_id}/{path}", data={"version": str(before[1]), **data},
                          follow_redirects=True)
    messages = [html_lib.unescape(message) for message in
                re.findall(r'kern-alert__header"><span class="kern-title">([^<]*)', response.get_data(as_text=True))]
    assert [message for message in messages if refused in message], messages
    internal = ("trigger", "state", "invited", "refused", "may not", "event")
    assert [(message, word) for message in messages for word in internal if word in message] == []
    assert case_state(app, case_id) == before
