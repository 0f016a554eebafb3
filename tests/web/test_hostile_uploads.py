"""Hostile uploads through the web: the parents' proofs page, the statute upload and command, the letterhead
logo. Each is answered with the page again and a German message beside the file field; nothing is stored."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from elternbeitraege import db
from elternbeitraege.models import Proof, StatuteFile
from elternbeitraege.services import demo as seed
from tests.files import hostile
from tests.web.statute_files import guetersloh_copy
from tests.web.steps import newest_case, register
from tests.web.test_admin_letterhead import MUSTERSTADT, PNG, office_row, send
from tests.web.test_forms import CLERK, assert_refused_page, field_error, post_upload, proofs_stored
from tests.web.test_statutes import ADMIN, upload

MB = 1024 * 1024


@pytest.fixture
def parent(app, demo):
    """A parent of the demo case, signed in through registration, and the case's id."""
    return _registered(app)


@pytest.fixture
def admin(app, demo, login):
    """The demo office's administrator, signed in."""
    return login(app.test_client(), ADMIN)


def proofs_page(client, case_id: int) -> str:
    return client.get(f"/eltern/faelle/{case_id}/erklaerung/nachweise").get_data(as_text=True)


# --- Proofs -------------------------------------------------------------------------------------------------------

HOSTILE_PROOFS = [
    ("PDF with JavaScript", hostile.with_catalog(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
     "lohn.pdf", "Die PDF-Datei enthält Programmcode, Formular-Aktionen oder angehängte Dateien"),
    ("PNG bomb of 20000 × 20000", hostile.png_bomb(20000, 20000), "scan.png", "Das Bild hat 20.000 × 20.000 "
     "Bildpunkte, erlaubt sind höchstens 50 Millionen."),
    ("JPEG signature followed by HTML", b"\xff\xd8\xff\xe0" + hostile.HTML, "evil.html",
     "Das Bild ist beschädigt und kann nicht geöffnet werden. Wählen Sie eine andere Datei aus."),
    ("Flate bomb", hostile.flate_bomb_pdf(), "bescheid.pdf", "Die Datei ist so aufwendig aufgebaut"),
]


@pytest.mark.parametrize(("content", "name", "message"), [entry[1:] for entry in HOSTILE_PROOFS],
                         ids=[entry[0] for entry in HOSTILE_PROOFS])
def test_a_hostile_proof_comes_back_with_the_german_message_beside_the_field_and_nothing_is_stored(
        app, parent, content, name, message):
    client, case_id = parent
    response = post_upload(client, case_id, content, name)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert_refused_page(page)
    assert field_error(page, "file").startswith(message)
    assert proofs_stored(app, case_id) == []


def test_a_real_jpeg_named_html_is_stored_and_offered_to_the_clerk_as_a_jpg_attachment(app, parent, login):
    client, case_id = parent
    jpeg = hostile.image("JPEG")
    assert post_upload(client, case_id, jpeg, "evil.html").status_code == 302
    assert proofs_stored(app, case_id) == [("evil.jpg", "image/jpeg")]
    with app.app_context():
        proof_id = db.session().scalars(select(Proof.id).where(Proof.case_id == case_id)).one()
    download = login(app.test_client(), CLERK).get(f"/amt/faelle/{case_id}/nachweise/{proof_id}")
    assert download.headers["Content-Disposition"] == 'attachment; filename="evil.jpg"'
    assert download.mimetype == "image/jpeg" and download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.data == jpeg


def test_the_proofs_page_states_the_limits_before_the_upload_and_what_is_taken(app, parent):
    client, case_id = parent
    assert ("PDF, JPG oder PNG, höchstens 10 MB je Datei. Sie können bis zu 30 Dateien mit zusammen höchstens "
            "50 MB hochladen.") in proofs_page(client, case_id)
    post_upload(client, case_id, hostile.good_pdf(), "lohn.pdf")
    assert "Hochgeladen: 1 von 30 Dateien, zusammen 1 KB von 50 MB." in proofs_page(client, case_id)


def test_a_proof_beyond_the_number_allowed_per_case_is_refused_until_one_is_removed(make_app, demo):
    app = make_app(MAX_PROOFS_PER_CASE=2)
    client, case_id = _registered(app)
    for name in ("eins.pdf", "zwei.pdf"):
        assert post_upload(client, case_id, hostile.good_pdf(), name).status_code == 302
    response = post_upload(client, case_id, hostile.good_pdf(), "drei.pdf")
    assert response.status_code == 200
    assert field_error(response.get_data(as_text=True), "file") == (
        "Sie haben schon 2 Nachweise hochgeladen, mehr als 2 sind nicht möglich. Entfernen Sie zuerst einen "
        "Nachweis, den das Jugendamt nicht braucht, oder fassen Sie mehrere Seiten in einer PDF-Datei zusammen.")
    assert [name for name, _type in proofs_stored(app, case_id)] == ["eins.pdf", "zwei.pdf"]
    with app.app_context():
        first = db.session().scalars(select(Proof.id).where(Proof.case_id == case_id).order_by(Proof.id)).first()
    client.post(f"/eltern/faelle/{case_id}/erklaerung/nachweise/{first}/entfernen")
    assert post_upload(client, case_id, hostile.good_pdf(), "drei.pdf").status_code == 302


def test_a_proof_beyond_the_bytes_allowed_per_case_is_refused_naming_the_limit(make_app, demo):
    app = make_app(MAX_PROOF_BYTES_PER_CASE=2 * MB)
    client, case_id = _registered(app)
    first, second = (hostile.image("PNG", size, noise=True) for size in ((600, 500), (900, 800)))  # 0,9 and 2 MB
    assert post_upload(client, case_id, first, "a.png").status_code == 302
    response = post_upload(client, case_id, second, "b.png")
    message = field_error(response.get_data(as_text=True), "file")
    assert message.startswith("Alle Nachweise zusammen dürfen höchstens 2 MB groß sein. Hochgeladen sind schon ")
    assert "Entfernen Sie zuerst einen Nachweis oder laden Sie eine kleinere Datei hoch" in message
    assert [name for name, _type in proofs_stored(app, case_id)] == ["a.png"]


def _registered(app):
    client = app.test_client()
    assert register(client, seed.DEMO_CODE).status_code == 302
    return client, newest_case(app).id


# --- Statute files ------------------------------------------------------------------------------------------------

def statute_files(app) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(StatuteFile))


HOSTILE_STATUTES = [
    ("lists nested 10,000 deep", hostile.nested_arrays(), "tief.toml: Listen oder { … } sind zu tief"),
    ("a 5,000-digit integer", guetersloh_copy().replace("until_age = 2", "until_age = " + "9" * 5000),
     "tief.toml, Zeile 23: eine Zahl hat zu viele Ziffern"),
    ("valid from 0001-01-01", guetersloh_copy(valid_from="0001-01-01"),
     "tief.toml, valid_from: Datum 0001-01-01 liegt nicht zwischen 1990 und 2100"),
    ("until_age 99999999999999999999", guetersloh_copy().replace("until_age = 2", "until_age = 99999999999999999999"),
     "tief.toml, [age].groups[1].until_age: 99999999999999999999 ist zu groß (höchstens 18 Jahre)"),
    ("10 MB", "# " + "x" * (10 * MB), "Die Datei ist größer als 256 KB."),
    ("UTF-16", guetersloh_copy().encode("utf-16"), "Die Datei ist keine Textdatei in UTF-8."),
]


@pytest.mark.parametrize(("content", "message"), [entry[1:] for entry in HOSTILE_STATUTES],
                         ids=[entry[0] for entry in HOSTILE_STATUTES])
def test_a_hostile_statute_file_comes_back_with_the_german_message_beside_the_field(app, admin, content, message):
    response = upload(admin, content, "tief.toml")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert_refused_page(page)
    assert field_error(page, "file").startswith(message)
    assert statute_files(app) == 0


def test_the_statute_page_names_the_size_limit(admin):
    page = admin.get("/verwaltung/satzungen/hochladen").get_data(as_text=True)
    assert "Eine TOML-Datei (Endung .toml) in UTF-8, höchstens 256 KB." in page


@pytest.mark.parametrize(("text", "message"), [
    (hostile.nested_arrays(), "Fehler: tief.toml: Listen oder { … } sind zu tief ineinander verschachtelt"),
    ("# " + "x" * (10 * MB), "Fehler: Die Datei ist größer als 256 KB."),
], ids=["nested 10,000 deep", "10 MB"])
def test_the_import_command_answers_a_hostile_file_in_german(app, demo, tmp_path, text, message):
    path = tmp_path / "tief.toml"
    path.write_text(text, encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["statutes", "import", str(path)])
    assert result.exit_code == 1 and result.output.startswith(message), result.output
    assert statute_files(app) == 0


# --- The letterhead logo ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("content", [hostile.png_bomb(20000, 20000), hostile.jpeg_with_size(60000, 60000)],
                         ids=["PNG bomb", "JPEG declaring 60000 × 60000"])
def test_a_logo_bomb_is_refused_by_its_header_and_the_current_logo_stays(app, admin, content):
    send(admin, logo=(PNG, "logo.png"), name=MUSTERSTADT)
    response = send(admin, logo=(content, "logo.png"), name=MUSTERSTADT)
    assert response.status_code == 400
    assert field_error(response.get_data(as_text=True), "logo").startswith("Das Logo ist größer als 5000 × 5000")
    assert office_row(app)[1] == PNG
