"""The proofs page loses no chosen file: "Weiter" uploads a file that was chosen but not yet uploaded, and a file
that cannot be stored keeps the parent on the page with a message that says so."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from elternbeitraege import db
from elternbeitraege.models import Declaration
from elternbeitraege.services import demo as seed
from tests.web.steps import MINIMAL_PDF, newest_case, register, upload_proof
from tests.web.test_forms import assert_refused_page, field_error, proofs_stored, summary_links


@pytest.fixture
def parent(app, demo):
    """A parent of the demo case, signed in through registration, with the declaration answered up to the proofs."""
    client = app.test_client()
    assert register(client, seed.DEMO_CODE).status_code == 302
    case_id = newest_case(app).id
    base = f"/eltern/faelle/{case_id}/erklaerung"
    for path, data in [("/kind", {"confirmed": "y"}), ("/haushalt", {"lives_with": "one"}),
                       ("/leistungen", {"benefit": "none"}), ("/einkommen", {"income_choice": "declare"}),
                       ("/einkommen/1", {"employment": "41.000"})]:
        assert client.post(base + path, data=data).status_code == 302, path
    return client, case_id


def go_on(client, case_id: int, data: dict, query: str = ""):
    """Press "Weiter" on the proofs page: the one form is sent, with whatever file and kind were chosen."""
    return client.post(f"/eltern/faelle/{case_id}/erklaerung/nachweise/fertig{query}", data=data,
                       content_type="multipart/form-data")


def proofs_done(app, case_id: int) -> bool:
    with app.app_context():
        return db.session().scalars(select(Declaration.proofs_done).where(Declaration.case_id == case_id)).one()


def test_pressing_weiter_with_a_chosen_file_uploads_it_and_goes_on(app, parent):
    client, case_id = parent
    response = go_on(client, case_id, {"kind": "income", "file": (io.BytesIO(MINIMAL_PDF), "lohn.pdf")})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/eltern/faelle/{case_id}/erklaerung/lastschrift")
    assert proofs_stored(app, case_id) == [("lohn.pdf", "application/pdf")]
    assert proofs_done(app, case_id)
    assert "Der Nachweis ist hochgeladen." in client.get(response.headers["Location"]).get_data(as_text=True)


def test_pressing_weiter_from_the_check_page_uploads_the_file_and_returns_there(app, parent):
    client, case_id = parent
    response = go_on(client, case_id, {"kind": "income", "file": (io.BytesIO(MINIMAL_PDF), "lohn.pdf")},
                     query="?zurueck=pruefen")
    assert response.headers["Location"].endswith(f"/eltern/faelle/{case_id}/erklaerung/pruefen")
    assert proofs_stored(app, case_id) == [("lohn.pdf", "application/pdf")]


def test_pressing_weiter_with_a_file_but_no_kind_stays_and_says_the_file_is_not_uploaded(app, parent):
    client, case_id = parent
    response = go_on(client, case_id, {"file": (io.BytesIO(MINIMAL_PDF), "lohn.pdf")})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert_refused_page(page)
    assert summary_links(page) == {
        "kind": "Wählen Sie aus, was für ein Nachweis das ist.",
        "file": "Die Datei „lohn.pdf“ ist noch nicht hochgeladen. Wählen Sie sie noch einmal aus.",
    }
    assert field_error(page, "file") == summary_links(page)["file"]
    assert proofs_stored(app, case_id) == [] and not proofs_done(app, case_id)


def test_pressing_weiter_with_a_file_that_is_refused_stays_with_the_reason(app, parent):
    client, case_id = parent
    response = go_on(client, case_id, {"kind": "income", "file": (io.BytesIO(b"kein PDF"), "lohn.pdf")})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert_refused_page(page)
    assert field_error(page, "file") == "Die Datei muss ein PDF, JPG oder PNG sein."
    assert proofs_stored(app, case_id) == [] and not proofs_done(app, case_id)


def test_uploading_a_file_without_its_kind_says_the_file_is_not_uploaded(app, parent):
    client, case_id = parent
    response = client.post(f"/eltern/faelle/{case_id}/erklaerung/nachweise",
                           data={"file": (io.BytesIO(MINIMAL_PDF), "lohn.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 200
    assert field_error(response.get_data(as_text=True), "file") == (
        "Die Datei „lohn.pdf“ ist noch nicht hochgeladen. Wählen Sie sie noch einmal aus.")
    assert proofs_stored(app, case_id) == []


def test_pressing_weiter_without_a_file_goes_on_without_asking_for_a_kind(app, parent):
    client, case_id = parent
    assert upload_proof(client, case_id, name="steuerbescheid.pdf").status_code == 302
    response = go_on(client, case_id, {})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/eltern/faelle/{case_id}/erklaerung/lastschrift")
    assert proofs_stored(app, case_id) == [("steuerbescheid.pdf", "application/pdf")] and proofs_done(app, case_id)


def test_the_proofs_page_sends_the_file_input_with_weiter(parent):
    client, case_id = parent
    page = client.get(f"/eltern/faelle/{case_id}/erklaerung/nachweise").get_data(as_text=True)
    form = page[page.index('enctype="multipart/form-data"'):]
    form = form[:form.index("</form>")]
    assert 'type="file"' in form
    assert f'formaction="/eltern/faelle/{case_id}/erklaerung/nachweise/fertig"' in form and ">Weiter<" in form
