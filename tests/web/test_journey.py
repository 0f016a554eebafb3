"""The whole fee-case journey through the web layer: facility, parents, clerk, notice, facility again."""
from __future__ import annotations

from tests.helpers import access_code_in, pdf_text
from tests.web.steps import declare_income, document_bytes, newest_case, register, report, upload_proof, version_of


def test_a_reported_admission_invites_the_parents_with_a_letter_that_carries_their_code(app, demo, login):
    facility = login(app.test_client(), "kita-sonnenblume@musterstadt.example")
    case = report(facility)
    assert case.status == "invited"
    letter = pdf_text(document_bytes(app, case.id, "invitation"))
    assert "Lena Beispiel" in letter and "Kita Sonnenblume" in letter
    assert access_code_in(document_bytes(app, case.id, "invitation"))


def test_parents_clerk_and_facility_complete_a_case_from_report_to_notice(app, demo, login):
    facility = login(app.test_client(), "kita-sonnenblume@musterstadt.example")
    case = report(facility)
    code = access_code_in(document_bytes(app, case.id, "invitation"))

    parent = app.test_client()
    assert register(parent, code).status_code == 302
    declare_income(parent, case.id)
    check = parent.get(f"/eltern/faelle/{case.id}/erklaerung/pruefen").get_data(as_text=True)
    assert "223,00 € im Monat" in check  # Gütersloh table: under 2, 35 hours, up to 55,000 €
    assert parent.post(f"/eltern/faelle/{case.id}/erklaerung/pruefen").status_code == 302
    assert newest_case(app).status == "submitted"

    clerk = login(app.test_client(), "sachbearbeitung@musterstadt.example")
    assert "Lena" in clerk.get("/amt/").get_data(as_text=True)
    start_review = {"version": version_of(clerk, case.id)}
    assert clerk.post(f"/amt/faelle/{case.id}/pruefung", data=start_review).status_code == 302
    assert newest_case(app).status == "in_review"
    response = clerk.post(f"/amt/faelle/{case.id}/nachweise-anfordern", data={
        "version": version_of(clerk, case.id), "message": "Bitte die Dezember-Lohnabrechnung.",
        "deadline-day": "31", "deadline-month": "7", "deadline-year": "2025"})
    assert response.status_code == 302
    assert newest_case(app).status == "documents_requested"
    assert "Dezember-Lohnabrechnung" in parent.get(f"/eltern/faelle/{case.id}").get_data(as_text=True)

    assert upload_proof(parent, case.id, name="dezember.pdf").status_code == 302
    assert parent.post(f"/eltern/faelle/{case.id}/erklaerung/pruefen").status_code == 302
    start_review = {"version": version_of(clerk, case.id)}
    assert clerk.post(f"/amt/faelle/{case.id}/pruefung", data=start_review).status_code == 302
    response = clerk.post(f"/amt/faelle/{case.id}/festsetzen",
                          data={"version": version_of(clerk, case.id), "kind": "provisional"})
    assert response.status_code == 302
    assert newest_case(app).status == "facility_notified"

    notice = document_bytes(app, case.id, "fee_notice")
    text = pdf_text(notice)
    for expected in ("Jugendamt Musterstadt", "Lena Beispiel", "Kita Sonnenblume", "223,00", "169,00",
                     "Verwaltungsgericht Minden", "vorläufig"):
        assert expected in text, expected
    assert "facility_notified" not in facility.get("/einrichtung/").get_data(as_text=True)
    page = facility.get("/einrichtung/").get_data(as_text=True)
    assert "Erledigt – Beitragsbescheid erteilt" in page
    for secret in ("52.000", "223", "DE89", "Einkommen"):
        assert secret not in page, secret

    case_page = parent.get(f"/eltern/faelle/{case.id}").get_data(as_text=True)
    assert "Beitragsbescheid vom" in case_page


def test_the_demo_household_registers_with_the_published_code(app, demo):
    client = app.test_client()
    response = register(client, "demo-kita-2345")
    assert response.status_code == 302
    assert "Mia Muster" in client.get("/eltern/").get_data(as_text=True)
