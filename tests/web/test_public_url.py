"""Links and QR codes in letters point where the app is served."""
from __future__ import annotations

from elternbeitraege import db
from elternbeitraege.services import demo as seed
from tests.conftest import TODAY
from tests.helpers import pdf_text
from tests.web import steps


def _invitation_reported_at(app, base_url: str) -> str:
    facility = app.test_client()
    signed_in = facility.post("/anmelden", base_url=base_url,
                              data={"email": "kita-sonnenblume@musterstadt.example", "password": seed.DEMO_PASSWORD})
    assert signed_in.status_code == 302
    reported = facility.post("/einrichtung/aufnahme", data=steps.ADMISSION, base_url=base_url)
    assert reported.status_code == 302 and "/anmelden" not in reported.location
    return pdf_text(steps.document_bytes(app, steps.newest_case(app).id, "invitation"))


def test_an_invitation_written_in_development_points_to_the_address_the_app_is_served_at(app, demo):
    text = _invitation_reported_at(app, "http://127.0.0.1:5101")
    assert "127.0.0.1:5101/erklaerung/zugang" in text
    assert ":5000" not in text


def test_a_configured_public_url_is_what_every_letter_names_whatever_address_was_asked(make_app):
    app = make_app(PUBLIC_URL="https://beitraege.kreis.example")
    with app.app_context():
        seed.seed_demo(db.session(), app.config["PUBLIC_URL"], TODAY)
    text = _invitation_reported_at(app, "http://127.0.0.1:5101")
    assert "beitraege.kreis.example/erklaerung/zugang" in text
    assert "5101" not in text
