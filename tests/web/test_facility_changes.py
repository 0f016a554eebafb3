"""A facility's case page: care, status and milestones of its own children, and the changes it reports."""
from __future__ import annotations

import re

import pytest

from elternbeitraege import db
from elternbeitraege.models import FeeCase
from elternbeitraege.services.cases import changes
from elternbeitraege.services.kernel.uow import UnitOfWork
from tests.conftest import TODAY
from tests.helpers import access_code_in
from tests.web.steps import approve_provisionally, clerk_actor, declare_income, document_bytes, register, report

SONNENBLUME = "kita-sonnenblume@musterstadt.example"
REGENBOGEN = "kita-regenbogen@musterstadt.example"

# What the household tells the office and the facility must never see: income, bank, fee, proofs, letters.
SECRETS = [
    ("income as typed", "52.000"), ("income plain", "52000"), ("income word", "Einkommen"),
    ("IBAN", "DE89"), ("mandate", "Mandat"), ("fee amount", "223"), ("fee after subsidy", "169"),
    ("any euro amount", "€"), ("proof file name", "lohnabrechnung"), ("proof word", "Nachweis"),
    ("documents", "PDF"), ("notice download", "Bescheid vom"),
]


@pytest.fixture
def facility(app, demo, login):
    return login(app.test_client(), SONNENBLUME)


@pytest.fixture
def invited_case(facility):
    """A case reported by Kita Sonnenblume whose care starts on 1 August 2025, after today (1 July)."""
    return report(facility).id


@pytest.fixture
def settled_case(app, facility):
    """A case through the whole journey: reported, declared, submitted, approved provisionally."""
    case_id = report(facility).id
    parent = app.test_client()
    assert register(parent, access_code_in(document_bytes(app, case_id, "invitation"))).status_code == 302
    declare_income(parent, case_id)
    assert parent.post(f"/eltern/faelle/{case_id}/erklaerung/pruefen").status_code == 302
    approve_provisionally(app, case_id, TODAY)
    with app.app_context():
        assert db.session().get(FeeCase, case_id).status == "facility_notified"
    return case_id


def case_in_db(app, case_id: int) -> FeeCase:
    with app.app_context():
        return db.session().get(FeeCase, case_id)


def page(client, case_id: int) -> str:
    response = client.get(f"/einrichtung/kinder/{case_id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def version_on(html: str, trigger: str) -> str:
    """Return the case version the form of one act carries."""
    form = re.search(rf'id="act-{trigger}".*?</form>', html, re.S)
    assert form, f"the page offers no {trigger}"
    return re.search(r'name="version" type="hidden" value="(\d+)"', form.group(0)).group(1)


def change_hours(client, case_id: int, version: str, day: str = "1", month: str = "9", year: str = "2025",
                 hours: str = "45"):
    return client.post(f"/einrichtung/kinder/{case_id}/betreuungszeit", data={
        "version": version, "hours": hours, "change_from-day": day, "change_from-month": month,
        "change_from-year": year})


def test_the_children_list_links_each_child_to_its_case_page(facility, invited_case):
    html = facility.get("/einrichtung/").get_data(as_text=True)
    assert f'href="/einrichtung/kinder/{invited_case}"' in html
    case_page = page(facility, invited_case)
    assert "Lena Beispiel" in case_page and "Erklärung der Eltern ausstehend" in case_page
    assert "ab 01.08.2025: 35 Stunden pro Woche" in case_page
    assert "Aufnahme gemeldet" in case_page and "Einladung erstellt" in case_page


def test_new_hours_for_a_settled_case_put_it_back_into_review_and_show_as_a_milestone(app, facility,
                                                                                       settled_case):
    before = page(facility, settled_case)
    assert "Erledigt – Beitragsbescheid erteilt" in before and "Einrichtung benachrichtigt" in before
    response = change_hours(facility, settled_case, version_on(before, "report_care_change"))
    assert response.status_code == 302
    assert case_in_db(app, settled_case).status == "in_review"
    after = facility.get(response.headers["Location"]).get_data(as_text=True)
    assert "Die neue Betreuungszeit ist gemeldet" in after
    assert "In Bearbeitung beim Jugendamt" in after
    assert "ab 01.09.2025: 45 Stunden pro Woche" in after
    assert "Änderung der Betreuungszeit gemeldet – 35 → 45 Wochenstunden ab 01.09.2025" in after


def test_new_hours_before_the_first_notice_keep_the_case_where_it_is(app, facility, invited_case):
    html = page(facility, invited_case)
    assert change_hours(facility, invited_case, version_on(html, "report_care_change")).status_code == 302
    case = case_in_db(app, invited_case)
    assert (case.status, case.weekly_hours) == ("invited", 45)


def test_a_departure_of_a_settled_case_ends_care_and_puts_it_back_into_review(app, facility, settled_case):
    html = page(facility, settled_case)
    response = facility.post(f"/einrichtung/kinder/{settled_case}/abmeldung", data={
        "version": version_on(html, "report_departure"), "last_day-day": "31", "last_day-month": "12",
        "last_day-year": "2025"})
    assert response.status_code == 302
    case = case_in_db(app, settled_case)
    assert (case.status, case.end_date.isoformat()) == ("in_review", "2025-12-31")
    after = page(facility, settled_case)
    assert "Abmeldung gemeldet – letzter Betreuungstag 31.12.2025" in after
    assert "Letzter Betreuungstag" in after and "31.12.2025" in after


def test_a_facility_withdraws_an_admission_before_care_starts(app, facility, invited_case):
    html = page(facility, invited_case)
    response = facility.post(f"/einrichtung/kinder/{invited_case}/zurueckziehen", data={
        "version": version_on(html, "withdraw"), "reason": "Die Familie ist weggezogen."})
    assert response.status_code == 302
    assert case_in_db(app, invited_case).status == "withdrawn"
    after = page(facility, invited_case)
    assert "Zurückgezogen vor Betreuungsbeginn – Die Familie ist weggezogen." in after
    assert 'id="act-' not in after and "Zurzeit können Sie für dieses Kind keine Änderung melden" in after


def test_after_care_has_started_withdrawal_is_neither_offered_nor_accepted(app, facility):
    case_id = report(facility, **{"start_date-month": "6"}).id  # care began on 1 June, today is 1 July
    html = page(facility, case_id)
    assert 'id="act-withdraw"' not in html and 'id="act-report_care_change"' in html
    response = facility.post(f"/einrichtung/kinder/{case_id}/zurueckziehen", data={
        "version": version_on(html, "report_care_change"), "reason": "Kommt nicht."}, follow_redirects=True)
    assert "Dieser Schritt ist im aktuellen Stand des Falls nicht möglich. Es wurde nichts geändert." in \
        response.get_data(as_text=True)
    assert case_in_db(app, case_id).status == "invited"


@pytest.mark.parametrize("method, path", [
    ("GET", ""), ("POST", "/betreuungszeit"), ("POST", "/abmeldung"), ("POST", "/zurueckziehen")])
def test_a_facility_cannot_open_or_change_another_facilitys_case(app, login, invited_case, method, path):
    other = login(app.test_client(), REGENBOGEN)
    version = str(case_in_db(app, invited_case).version)
    response = other.open(f"/einrichtung/kinder/{invited_case}{path}", method=method, data={
        "version": version, "hours": "45", "change_from-day": "1", "change_from-month": "9",
        "change_from-year": "2025", "last_day-day": "31", "last_day-month": "12", "last_day-year": "2025",
        "reason": "Test"})
    assert response.status_code == 404
    assert "Lena" not in response.get_data(as_text=True)
    case = case_in_db(app, invited_case)
    assert (case.status, case.weekly_hours, case.end_date) == ("invited", 35, None)


def test_the_facility_case_page_shows_no_income_amount_proof_or_document(facility, settled_case):
    html = page(facility, settled_case)
    assert [label for label, secret in SECRETS if secret in html] == []
    assert not re.search(r"\d,\d\d", html), "an amount in German notation"
    assert "/dokumente/" not in html and "/nachweise/" not in html


def test_notes_of_the_office_stay_hidden_and_only_the_facilitys_own_are_shown(app, facility, invited_case):
    with app.app_context():
        session = db.session()
        changes.withdraw(UnitOfWork(session, TODAY), clerk_actor(session), invited_case,
                         session.get(FeeCase, invited_case).version,
                         "Eltern melden 52.000 € Einkommen, Kind kommt nicht")
    html = page(facility, invited_case)
    assert "Zurückgezogen vor Betreuungsbeginn" in html
    assert "52.000" not in html and "Einkommen" not in html


def test_bad_input_keeps_what_was_typed_and_says_what_to_do(facility, invited_case):
    html = page(facility, invited_case)
    response = change_hours(facility, invited_case, version_on(html, "report_care_change"), day="15")
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "<title>Fehler: " in text and "Es gibt ein Problem" in text
    assert "Eine Änderung gilt immer ab dem Ersten eines Monats." in text
    assert 'name="change_from-day" type="text" inputmode="numeric" value="15"' in text
    assert re.search(r'<input[^>]*checked[^>]*value="45"|<input[^>]*value="45"[^>]*checked', text)

    response = facility.post(f"/einrichtung/kinder/{invited_case}/betreuungszeit", data={
        "version": version_on(html, "report_care_change")})
    text = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Wählen Sie die neue Betreuungszeit aus." in text
    assert "Geben Sie an, ab wann die neue Betreuungszeit gilt." in text

    response = facility.post(f"/einrichtung/kinder/{invited_case}/zurueckziehen", data={
        "version": version_on(html, "withdraw"), "reason": ""})
    assert response.status_code == 400 and "Schreiben Sie eine Begründung." in response.get_data(as_text=True)


def test_a_form_from_before_someone_elses_change_is_refused_with_a_clear_message(app, facility, invited_case):
    html = page(facility, invited_case)
    stale = version_on(html, "report_care_change")
    assert change_hours(facility, invited_case, stale, month="10").status_code == 302
    response = change_hours(facility, invited_case, stale, hours="25")
    assert response.status_code == 302
    text = facility.get(response.headers["Location"]).get_data(as_text=True)
    assert "Der Fall wurde inzwischen von jemand anderem bearbeitet. Es wurde nichts geändert." in text
    assert case_in_db(app, invited_case).weekly_hours == 45
