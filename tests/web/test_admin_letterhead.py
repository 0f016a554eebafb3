"""The administrator's letterhead page ("Briefkopf und Bescheide"): values, checks, logo, PDF preview and access."""
from __future__ import annotations

import html as html_lib
import io
import logging
from dataclasses import asdict, replace

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

import pdf
from elternbeitraege import db
from elternbeitraege.models import YouthOffice
from elternbeitraege.services import demo as seed
from elternbeitraege.services.kernel.actor import Actor
from elternbeitraege.services.kernel.errors import InvalidInput, NotFound
from elternbeitraege.services.kernel.uow import UnitOfWork
from elternbeitraege.services.notices import letters, samples
from elternbeitraege.services.office import letterhead
from tests.conftest import TODAY
from tests.helpers import pdf_text
from tests.web import two_offices
from tests.web.test_forms import assert_refused_page, field_error, input_value, summary_links
from tests.web.test_security import csrf_token_of

PAGE, PREVIEW, LOGO = "/verwaltung/briefkopf", "/verwaltung/briefkopf/vorschau", "/verwaltung/briefkopf/logo"
MUSTERSTADT, BEISPIELHAUSEN = "Jugendamt Musterstadt", "Jugendamt Beispielhausen"
GOOD = {
    "name": "Jugendamt Neustadt", "street": "Am Markt 5", "postcode_city": "44444 Neustadt",
    "contact_person": "Team Kita-Beiträge", "phone": "+49 (4444) 55-66/7", "email": "kita@neustadt.example",
    "website": "https://www.neustadt.example/kita", "court_name": "Verwaltungsgericht Arnsberg",
    "court_address": "Jägerstraße 1, 59821 Arnsberg",
    "dpo_contact": "Datenschutz Neustadt, datenschutz@neustadt.example",
    "bank_name": "Volksbank Neustadt", "iban": "DE02 1203 0000 0000 2020 51", "bic": "BYLADEM1001",
    "creditor_id": "DE79ZZZ01234567890",
}


def image_file(kind: str = "PNG", size: tuple[int, int] = (30, 12)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 60, 120)).save(buffer, kind)
    return buffer.getvalue()


PNG, JPEG = image_file("PNG"), image_file("JPEG")


@pytest.fixture
def admin(app, demo, login):
    """The demo office's administrator, signed in."""
    return login(app.test_client(), two_offices.LOGINS["admin_a"])


@pytest.fixture
def world(app):
    return two_offices.build(app, TODAY)


@pytest.fixture
def sign_in(app, world, login):
    """Sign in as anybody of the two offices."""
    def sign_in_as(who: str):
        return login(app.test_client(), two_offices.LOGINS[who], world.password(who))
    return sign_in_as


def office_row(app, name: str = MUSTERSTADT) -> tuple[letterhead.Letterhead, bytes | None]:
    """Return an office's letterhead and logo as stored."""
    with app.app_context():
        office = db.session().scalars(select(YouthOffice).where(YouthOffice.name == name)).one()
        return letterhead.letterhead_of(office), office.logo


def sample_notice_of(app, name: str, mandate: bool = True) -> bytes:
    """Render the sample fee notice the way letters take the office (``letters.office_context``); without a
    SEPA mandate the notice prints the office's bank account instead of the creditor id."""
    with app.app_context():
        office = db.session().scalars(select(YouthOffice).where(YouthOffice.name == name)).one()
        if mandate:
            return samples.render_sample("fee", letters.office_context(office), TODAY)
        notice = samples.sample("fee", letters.office_context(office), TODAY)
        return pdf.render_document(replace(notice, mandate_reference=None, iban_masked=None))


def send(client, path: str = PAGE, logo: tuple[bytes, str] | None = None, **changes):
    """Post the letterhead form with GOOD changed by ``changes`` (None leaves a field out) as a browser does:
    multipart, with an empty file part when no logo is chosen. The body is built in memory (the test client
    spools big bodies to a temporary file it never closes, which ``filterwarnings = error`` would turn into an
    error of the next test)."""
    data = {key: value for key, value in (GOOD | changes).items() if value is not None}
    content, filename = logo or (b"", "")
    boundary, body = encode_multipart(data | {"logo": FileStorage(io.BytesIO(content), filename)})
    return client.post(path, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def image_sizes(content: bytes) -> list[tuple[int, int]]:
    """Return width and height of every image drawn on the first page, also inside form XObjects."""
    found, pending = [], [PdfReader(io.BytesIO(content)).pages[0]["/Resources"]]
    while pending:
        for xobject in pending.pop().get_object().get("/XObject", {}).values():
            xobject = xobject.get_object()
            if xobject["/Subtype"] == "/Image":
                found.append((int(xobject["/Width"]), int(xobject["/Height"])))
            elif "/Resources" in xobject:
                pending.append(xobject["/Resources"])
    return found


# --- The page -----------------------------------------------------------------------------------------------------

def test_the_page_shows_every_current_value_in_the_form_and_in_the_preview(admin):
    response = admin.get(PAGE)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "<title>Briefkopf und Bescheide – " in page
    assert 'enctype="multipart/form-data" novalidate' in page
    expected = {"name": MUSTERSTADT, "street": "Rathausplatz 1", "postcode_city": "33330 Musterstadt",
                "contact_person": "Team Elternbeiträge", "phone": "05241 123-456",
                "email": "elternbeitraege@musterstadt.example", "website": "www.musterstadt.example",
                "court_name": "Verwaltungsgericht Minden", "court_address": "Königswall 8, 32423 Minden",
                "bank_name": "Sparkasse Musterstadt", "iban": "DE89370400440532013000", "bic": "COBADEFFXXX",
                "creditor_id": "DE98ZZZ09999999999"}
    assert {name: input_value(page, name) for name in expected} == expected
    assert input_value(page, "dpo_contact").startswith("Datenschutzbeauftragte der Stadt Musterstadt")
    preview = html_lib.unescape(page[page.index("data-letterhead-preview"):])
    assert f'<span data-preview="name">{MUSTERSTADT}</span>' in preview
    assert '<span data-preview="court_name">Verwaltungsgericht Minden</span>' in preview
    assert "Anna Muster und Ben Muster" in preview
    assert 'formaction="/verwaltung/briefkopf/vorschau"' in page and 'type="file"' in page
    assert 'name="remove_logo"' not in page and "noch kein Logo" in page


def test_the_overview_links_to_the_letterhead_page(admin):
    assert f'href="{PAGE}"' in admin.get("/verwaltung/").get_data(as_text=True)


# --- Saving -------------------------------------------------------------------------------------------------------

def test_saved_values_are_what_the_next_notice_prints(app, admin):
    assert MUSTERSTADT in pdf_text(sample_notice_of(app, MUSTERSTADT))
    response = send(admin)
    assert response.status_code == 302 and response.headers["Location"].endswith(PAGE)
    assert "Der Briefkopf ist gespeichert." in admin.get(PAGE).get_data(as_text=True)
    saved, _logo = office_row(app, "Jugendamt Neustadt")
    assert asdict(saved) == GOOD
    text = pdf_text(sample_notice_of(app, "Jugendamt Neustadt"))
    for value in ("Jugendamt Neustadt", "Am Markt 5", "44444 Neustadt", "Team Kita-Beiträge", "+49 (4444) 55-66/7",
                  "kita@neustadt.example", "Verwaltungsgericht Arnsberg", "Jägerstraße 1, 59821 Arnsberg",
                  "Datenschutz Neustadt", "DE79ZZZ01234567890"):
        assert value in text, value
    assert MUSTERSTADT not in text
    transfer = pdf_text(sample_notice_of(app, "Jugendamt Neustadt", mandate=False))
    assert "Volksbank Neustadt" in transfer and "DE02 1203 0000 0000 2020 51" in transfer and "BYLADEM1001" in transfer


def test_iban_bic_and_creditor_id_typed_with_spaces_and_in_lower_case_are_stored_as_letters_print_them(app, admin):
    response = send(admin, iban=" de02120300000000202051 ", bic="byla dem1 001", creditor_id="de98 zzz0 9999 9999 99",
                    name="  Jugendamt   Neustadt ")
    assert response.status_code == 302
    saved, _logo = office_row(app, "Jugendamt Neustadt")
    assert (saved.iban, saved.bic, saved.creditor_id) == ("DE02 1203 0000 0000 2020 51", "BYLADEM1001",
                                                          "DE98ZZZ09999999999")
    assert saved.name == "Jugendamt Neustadt"


# Each bad value, the message beside its field (and in the summary).
BAD = [
    ("no name", {"name": ""}, "name", "Geben Sie den Namen des Jugendamts an, zum Beispiel Jugendamt Musterstadt."),
    ("name too long", {"name": "J" * 201}, "name", "Kürzen Sie den Namen des Jugendamts auf höchstens 200 Zeichen."),
    ("no street", {"street": "  "}, "street",
     "Geben Sie Straße und Hausnummer des Jugendamts an, zum Beispiel Rathausplatz 1."),
    ("city without postcode", {"postcode_city": "Neustadt"}, "postcode_city",
     "Geben Sie zuerst die fünfstellige Postleitzahl und dann den Ort an, zum Beispiel 33330 Musterstadt."),
    ("four-digit postcode", {"postcode_city": "4444 Neustadt"}, "postcode_city",
     "Geben Sie zuerst die fünfstellige Postleitzahl und dann den Ort an, zum Beispiel 33330 Musterstadt."),
    ("postcode without city", {"postcode_city": "44444"}, "postcode_city",
     "Geben Sie zuerst die fünfstellige Postleitzahl und dann den Ort an, zum Beispiel 33330 Musterstadt."),
    ("no contact person", {"contact_person": ""}, "contact_person",
     "Geben Sie die Ansprechperson der Schreiben an, zum Beispiel Team Elternbeiträge."),
    ("words in the phone number", {"phone": "05241 123-456 (Zentrale, Frau Fuchs)"}, "phone",
     "Geben Sie die Telefonnummer nur mit Ziffern, Leerzeichen und den Zeichen + - / ( ) an, zum Beispiel "
     "05241 123-456."),
    ("phone number without digits", {"phone": "+ / -"}, "phone",
     "Geben Sie die Telefonnummer nur mit Ziffern, Leerzeichen und den Zeichen + - / ( ) an, zum Beispiel "
     "05241 123-456."),
    ("no e-mail address", {"email": ""}, "email",
     "Geben Sie die E-Mail-Adresse für Rückfragen an, zum Beispiel elternbeitraege@musterstadt.de."),
    ("e-mail address without @", {"email": "kita.neustadt.example"}, "email",
     "Geben Sie die E-Mail-Adresse mit @ und Domain an, zum Beispiel elternbeitraege@musterstadt.de."),
    ("website with spaces", {"website": "www neustadt example"}, "website",
     "Geben Sie die Internetseite ohne Leerzeichen an, zum Beispiel www.musterstadt.de/elternbeitrag."),
    ("no court", {"court_name": ""}, "court_name",
     "Geben Sie das zuständige Verwaltungsgericht an, zum Beispiel Verwaltungsgericht Minden."),
    ("court address too long", {"court_address": "K" * 201}, "court_address",
     "Kürzen Sie die Anschrift des Verwaltungsgerichts auf höchstens 200 Zeichen."),
    ("data protection contact too long", {"dpo_contact": "D" * 301}, "dpo_contact",
     "Kürzen Sie die Kontaktdaten der oder des Datenschutzbeauftragten auf höchstens 300 Zeichen."),
    ("no bank", {"bank_name": ""}, "bank_name",
     "Geben Sie den Namen der Bank an, zum Beispiel Sparkasse Musterstadt."),
    ("no IBAN", {"iban": ""}, "iban",
     "Geben Sie die IBAN des Jugendamts an, zum Beispiel DE89 3704 0044 0532 0130 00."),
    ("IBAN with a typo", {"iban": "DE02 1203 0000 0000 2020 52"}, "iban",
     "Prüfen Sie die IBAN auf Tippfehler. Eine deutsche IBAN hat 22 Zeichen, zum Beispiel DE89 3704 0044 0532 "
     "0130 00."),
    ("IBAN too short", {"iban": "DE89 3704"}, "iban",
     "Prüfen Sie die IBAN auf Tippfehler. Eine deutsche IBAN hat 22 Zeichen, zum Beispiel DE89 3704 0044 0532 "
     "0130 00."),
    ("BIC of 7 characters", {"bic": "BYLADEM"}, "bic",
     "Geben Sie die BIC mit 8 oder 11 Zeichen an, zum Beispiel COBADEFFXXX."),
    ("BIC of 10 characters", {"bic": "BYLADEM100"}, "bic",
     "Geben Sie die BIC mit 8 oder 11 Zeichen an, zum Beispiel COBADEFFXXX."),
    ("BIC of no country", {"bic": "BYLAZZM1"}, "bic",
     "Geben Sie die BIC mit 8 oder 11 Zeichen an, zum Beispiel COBADEFFXXX."),
    ("no creditor id", {"creditor_id": ""}, "creditor_id",
     "Geben Sie die Gläubiger-Identifikationsnummer des Jugendamts an, zum Beispiel DE98ZZZ09999999999."),
    ("creditor id with a wrong check digit", {"creditor_id": "DE97ZZZ09999999999"}, "creditor_id",
     "Prüfen Sie die Gläubiger-Identifikationsnummer auf Tippfehler. Sie hat die Form DE98ZZZ09999999999: "
     "Ländercode, zwei Prüfziffern, drei Zeichen Geschäftsbereich, nationale Kennung."),
    ("creditor id without national part", {"creditor_id": "DE98ZZZ"}, "creditor_id",
     "Prüfen Sie die Gläubiger-Identifikationsnummer auf Tippfehler. Sie hat die Form DE98ZZZ09999999999: "
     "Ländercode, zwei Prüfziffern, drei Zeichen Geschäftsbereich, nationale Kennung."),
]


@pytest.mark.parametrize(("changes", "field", "message"), [row[1:] for row in BAD], ids=[row[0] for row in BAD])
def test_a_bad_value_comes_back_with_its_message_beside_the_field_and_in_the_summary_and_all_typed_kept(
        app, admin, changes, field, message):
    before = office_row(app)
    response = send(admin, **changes)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert_refused_page(page)
    assert field_error(page, field) == message
    assert summary_links(page) == {field: message}
    sent = GOOD | changes
    assert {name: input_value(page, name) for name in GOOD} == sent
    assert office_row(app) == before


def test_an_empty_form_names_every_field_in_the_order_of_the_page(app, admin):
    page = send(admin, **dict.fromkeys(GOOD, "")).get_data(as_text=True)
    assert list(summary_links(page)) == ["name", "street", "postcode_city", "contact_person", "phone", "email",
                                         "website", "court_name", "court_address", "dpo_contact", "bank_name",
                                         "iban", "bic", "creditor_id"]
    assert all(message.startswith("Geben Sie ") for message in summary_links(page).values())


CREDITOR_IDS = [
    ("DE98ZZZ09999999999", True),   # the Bundesbank's example
    ("DE98ABC09999999999", True),   # the business code does not count
    ("AT61ZZZ01234567890", True),
    ("ES59ZZZX1234567L", True),
    ("FR72ZZZ123456", True),
    ("DE98ZZZ09999999998", False),  # one digit of the national part wrong
    ("DE89ZZZ09999999999", False),  # check digits swapped
    ("DE9XZZZ09999999999", False),  # a letter among the check digits
    ("9898ZZZ09999999999", False),  # no country
]


@pytest.mark.parametrize(("creditor_id", "valid"), CREDITOR_IDS)
def test_the_creditor_ids_check_digits_are_computed_over_the_national_part_and_the_country(creditor_id, valid):
    assert letterhead.is_creditor_id(creditor_id) is valid


def test_a_valid_creditor_id_is_saved_and_a_wrong_check_digit_is_refused(app, admin):
    assert send(admin, creditor_id="DE13ZZZ00000012346").status_code == 400
    assert office_row(app)[0].creditor_id == "DE98ZZZ09999999999"
    assert send(admin, creditor_id="DE13ZZZ00000012345").status_code == 302
    assert office_row(app, "Jugendamt Neustadt")[0].creditor_id == "DE13ZZZ00000012345"


def test_the_service_refuses_bad_values_even_without_the_form(app, demo):
    with app.app_context():
        session = db.session()
        office_id = session.scalars(select(YouthOffice.id).where(YouthOffice.name == MUSTERSTADT)).one()
        bad = letterhead.Letterhead(**(GOOD | {"iban": "DE00", "phone": "eins zwei"}))
        with pytest.raises(InvalidInput) as refused:
            letterhead.change_letterhead(UnitOfWork(session, TODAY), Actor(1, "admin", office_id=office_id), bad, None,
                                         False)
    assert set(refused.value.errors) == {"iban", "phone"}


def test_the_log_names_the_changed_fields_but_not_the_bank_details(app, admin, caplog):
    with caplog.at_level(logging.INFO, logger="elternbeitraege.services.office.letterhead"):
        assert send(admin).status_code == 302
    logged = caplog.text
    assert "iban" in logged and "creditor_id" in logged and "name" in logged
    assert "DE02" not in logged and "2020 51" not in logged and "BYLADEM1001" not in logged
    assert "DE79ZZZ" not in logged


# --- The logo -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("content", "filename"), [(PNG, "logo.png"), (JPEG, "logo.jpg")], ids=["PNG", "JPEG"])
def test_an_uploaded_logo_is_stored_and_printed_in_the_letterhead(app, admin, content, filename):
    assert image_sizes(sample_notice_of(app, MUSTERSTADT)) == []
    assert send(admin, logo=(content, filename), name=MUSTERSTADT).status_code == 302
    assert office_row(app)[1] == content
    assert (30, 12) in image_sizes(sample_notice_of(app, MUSTERSTADT))
    served = admin.get(LOGO)
    assert served.status_code == 200 and served.data == content
    assert served.mimetype == ("image/png" if filename.endswith("png") else "image/jpeg")
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    page = admin.get(PAGE).get_data(as_text=True)
    assert f'src="{LOGO}"' in page and 'name="remove_logo"' in page


def test_without_a_new_file_the_current_logo_stays(app, admin):
    send(admin, logo=(PNG, "logo.png"))
    assert send(admin, phone="0444 1").status_code == 302
    assert office_row(app, "Jugendamt Neustadt")[1] == PNG


BAD_LOGOS = [
    ("GIF", image_file("GIF"), "logo.gif", "Das Logo muss eine PNG- oder JPG-Datei sein. Wählen Sie eine andere "
                                           "Datei aus."),
    ("text file named .png", b"Kein Bild, nur Text.\n", "logo.png",
     "Das Logo muss eine PNG- oder JPG-Datei sein. Wählen Sie eine andere Datei aus."),
    ("over 512 KB", PNG + b"\x00" * (512 * 1024), "gross.png",
     "Die Datei ist größer als 512 KB. Wählen Sie ein kleineres Logo aus."),
    ("empty", b"", "leer.png", "Die ausgewählte Datei ist leer. Wählen Sie ein Logo als PNG- oder JPG-Datei aus."),
    ("PNG signature, broken inside", PNG[:40], "kaputt.png",
     "Die Datei ist beschädigt und kann nicht geöffnet werden. Wählen Sie eine andere Datei aus."),
    ("6000 pixels wide", image_file("PNG", (6000, 2)), "breit.png",
     "Das Logo ist größer als 5000 × 5000 Bildpunkte. Verkleinern Sie es, zum Beispiel auf 600 × 160 Bildpunkte."),
]


@pytest.mark.parametrize(("content", "filename", "message"), [row[1:] for row in BAD_LOGOS],
                         ids=[row[0] for row in BAD_LOGOS])
def test_a_logo_that_cannot_be_used_is_refused_with_its_message_and_the_current_one_stays(
        app, admin, content, filename, message):
    send(admin, logo=(PNG, "logo.png"), name=MUSTERSTADT)
    response = send(admin, logo=(content, filename), name="Jugendamt Neustadt")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert field_error(page, "logo") == message and summary_links(page) == {"logo": message}
    assert input_value(page, "name") == "Jugendamt Neustadt"
    saved, logo = office_row(app)
    assert logo == PNG and saved.name == MUSTERSTADT


def test_logo_entfernen_removes_the_logo_from_the_page_and_the_letters(app, admin):
    send(admin, logo=(PNG, "logo.png"), name=MUSTERSTADT)
    assert send(admin, name=MUSTERSTADT, remove_logo="y").status_code == 302
    assert office_row(app)[1] is None
    assert image_sizes(sample_notice_of(app, MUSTERSTADT)) == []
    assert admin.get(LOGO).status_code == 404
    assert f'src="{LOGO}"' not in admin.get(PAGE).get_data(as_text=True)


def test_a_new_logo_and_logo_entfernen_at_once_is_refused(app, admin):
    send(admin, logo=(PNG, "logo.png"), name=MUSTERSTADT)
    page = send(admin, logo=(JPEG, "neu.jpg"), remove_logo="y").get_data(as_text=True)
    assert field_error(page, "logo") == "Wählen Sie entweder ein neues Logo aus oder „Logo entfernen“, nicht beides."
    assert office_row(app)[1] == PNG


# --- The PDF preview ----------------------------------------------------------------------------------------------

def test_the_pdf_preview_prints_the_typed_values_and_saves_nothing(app, admin):
    before = office_row(app)
    response = send(admin, PREVIEW, name="Jugendamt Vorschaustadt", logo=(PNG, "logo.png"))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == 'attachment; filename="Vorschau-Beitragsbescheid.pdf"'
    text = pdf_text(response.data)
    assert "Jugendamt Vorschaustadt" in text and "Beitragsbescheid" in text and "Verwaltungsgericht Arnsberg" in text
    assert (30, 12) in image_sizes(response.data)
    assert office_row(app) == before


def test_the_pdf_preview_takes_the_current_logo_unless_it_is_to_be_removed(app, admin):
    send(admin, logo=(PNG, "logo.png"))
    assert (30, 12) in image_sizes(send(admin, PREVIEW).data)
    assert image_sizes(send(admin, PREVIEW, remove_logo="y").data) == []
    assert office_row(app, "Jugendamt Neustadt")[1] == PNG


def test_a_pdf_preview_of_bad_values_shows_the_form_with_the_messages_and_saves_nothing(app, admin):
    before = office_row(app)
    response = send(admin, PREVIEW, name="Jugendamt Vorschaustadt", iban="DE00 0000")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert_refused_page(page)
    assert list(summary_links(page)) == ["iban"]
    assert input_value(page, "name") == "Jugendamt Vorschaustadt"
    assert f'action="{PAGE}"' in page
    assert office_row(app) == before


# --- Who may see and change it ------------------------------------------------------------------------------------

def test_each_administrator_sees_and_changes_only_the_own_offices_letterhead(app, sign_in):
    before_a, before_b = office_row(app, MUSTERSTADT), office_row(app, BEISPIELHAUSEN)
    admin_b = sign_in("admin_b")
    page = admin_b.get(PAGE).get_data(as_text=True)
    assert {name: input_value(page, name) for name in GOOD} == asdict(before_b[0])
    assert send(admin_b, logo=(PNG, "logo.png")).status_code == 302
    assert office_row(app, "Jugendamt Neustadt")[1] == PNG
    assert office_row(app, MUSTERSTADT) == before_a
    admin_a = sign_in("admin_a")
    assert admin_a.get(LOGO).status_code == 404
    assert input_value(admin_a.get(PAGE).get_data(as_text=True), "name") == MUSTERSTADT


def test_the_service_answers_not_found_for_another_office_and_for_other_roles(app, world):
    with app.app_context():
        session = db.session()
        ids = dict(session.execute(select(YouthOffice.name, YouthOffice.id)).all())
        typed = letterhead.Letterhead(**GOOD)
        admin_a = Actor(1, "admin", office_id=ids[MUSTERSTADT])
        with pytest.raises(NotFound):
            letterhead.change_letterhead(UnitOfWork(session, TODAY), admin_a, typed, None, False,
                                         office_id=ids[BEISPIELHAUSEN])
        for role in ("clerk", "facility", "parent"):
            with pytest.raises(NotFound):
                letterhead.letterhead_view(session, Actor(1, role, office_id=ids[MUSTERSTADT]))
            with pytest.raises(NotFound):
                letterhead.preview_letterhead(session, Actor(1, role, office_id=ids[MUSTERSTADT]), typed, None,
                                              False, TODAY)
    assert office_row(app, BEISPIELHAUSEN)[0].name == BEISPIELHAUSEN


@pytest.mark.parametrize("who", ["clerk_a", "facility_a", "parent_a", "clerk_b"])
def test_clerks_facilities_and_parents_get_404_and_change_nothing(app, sign_in, who):
    before = office_row(app)
    client = sign_in(who)
    answers = {(path, method): (send(client, path) if method == "POST" else client.get(path)).status_code
               for path in (PAGE, PREVIEW, LOGO) for method in ("GET", "POST")}
    assert answers == {(PAGE, "GET"): 404, (PAGE, "POST"): 404, (PREVIEW, "GET"): 405, (PREVIEW, "POST"): 404,
                       (LOGO, "GET"): 404, (LOGO, "POST"): 405}
    assert office_row(app) == before


@pytest.mark.parametrize("path", [PAGE, LOGO])
def test_anonymous_users_are_sent_to_the_login_page(app, path):
    response = app.test_client().get(path)
    assert response.status_code == 302 and response.headers["Location"].startswith("/anmelden")


def test_saving_and_the_preview_need_the_pages_csrf_token(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        seed.seed_demo(db.session(), app.config["PUBLIC_URL"], TODAY)
    client = app.test_client()
    client.post("/anmelden", data={"email": two_offices.LOGINS["admin_a"], "password": seed.DEMO_PASSWORD,
                                   "csrf_token": csrf_token_of(client.get("/anmelden").get_data(as_text=True))})
    assert send(client).status_code == 400
    assert send(client, PREVIEW, csrf_token="IjAxMjM0NTY3ODki.forged.token").status_code == 400
    assert office_row(app)[0].name == MUSTERSTADT
    token = csrf_token_of(client.get(PAGE).get_data(as_text=True))
    assert send(client, csrf_token=token).status_code == 302
    assert office_row(app, "Jugendamt Neustadt")[0].name == "Jugendamt Neustadt"
