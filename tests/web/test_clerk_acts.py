"""The clerk's acts on the case page beyond deciding: changes, siblings, final check, withdrawal, reopening."""
from __future__ import annotations

import pytest

from elternbeitraege import db
from elternbeitraege.models import FeeCase
from tests.conftest import TODAY
from tests.helpers import access_code_in
from tests.web.steps import approve_provisionally, declare_income, document_bytes, register, report, version_of
from tests.web.test_forms import assert_refused_page, field_error

CLERK = "sachbearbeitung@musterstadt.example"


@pytest.fixture
def clerk(app, demo, login):
    return login(app.test_client(), CLERK)


@pytest.fixture
def facility(app, demo, login):
    return login(app.test_client(), "kita-sonnenblume@musterstadt.example")


def settled(app, facility, **admission) -> int:
    case_id = report(facility, **admission).id
    parent = app.test_client()
    assert register(parent, access_code_in(document_bytes(app, case_id, "invitation")),
                    email=f"eltern{case_id}@beispiel.example").status_code == 302
    declare_income(parent, case_id)
    assert parent.post(f"/eltern/faelle/{case_id}/erklaerung/pruefen").status_code == 302
    approve_provisionally(app, case_id, TODAY)
    return case_id


def once_the_income_year_is_over(app) -> None:
    """Move the app's today to April 2026: the income year 2025 of the cases starting in 2025 is over."""
    app.config["TODAY"] = "2026-04-01"


def status(app, case_id: int) -> str:
    with app.app_context():
        return db.session().get(FeeCase, case_id).status


def post(clerk, case_id: int, path: str, **data):
    return clerk.post(f"/amt/faelle/{case_id}/{path}", data={"version": version_of(clerk, case_id), **data})


def test_the_case_page_offers_only_what_the_state_allows(app, clerk, facility):
    invited = report(facility).id
    page = clerk.get(f"/amt/faelle/{invited}").get_data(as_text=True)
    assert 'id="act-withdraw"' in page and 'id="act-approve"' not in page and 'id="act-reopen"' not in page
    settled_id = settled(app, facility, child_first_name="Paul")
    once_the_income_year_is_over(app)
    page = clerk.get(f"/amt/faelle/{settled_id}").get_data(as_text=True)
    for offered in ("report_care_change", "report_departure", "link_sibling", "start_final_check"):
        assert f'id="act-{offered}"' in page, offered
    assert 'id="act-withdraw"' not in page


def test_a_change_of_hours_not_from_the_first_keeps_what_was_typed(app, clerk, facility):
    case_id = settled(app, facility)
    response = post(clerk, case_id, "betreuungszeit", hours="45", **{
        "change_from-day": "15", "change_from-month": "10", "change_from-year": "2025"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert_refused_page(page)
    assert field_error(page, "change_from") == "Eine Änderung gilt immer ab dem Ersten eines Monats."
    assert 'value="15"' in page and status(app, case_id) == "facility_notified"


def test_the_clerk_links_a_sibling_by_file_number_and_the_case_goes_back_into_review(app, clerk, facility):
    older = settled(app, facility, child_first_name="Max")
    younger = settled(app, facility)
    with app.app_context():
        older_number = db.session().get(FeeCase, older).file_number
    wrong = post(clerk, younger, "geschwister", file_number="51-EB-1999-99999")
    assert wrong.status_code == 400
    assert field_error(wrong.get_data(as_text=True), "file_number").startswith("Geben Sie das Aktenzeichen")
    assert post(clerk, younger, "geschwister", file_number=older_number).status_code == 302
    assert status(app, younger) == "in_review"
    assert older_number in clerk.get(f"/amt/faelle/{younger}").get_data(as_text=True)


def test_the_clerk_starts_the_final_check_of_a_provisional_case(app, clerk, facility):
    case_id = settled(app, facility)
    once_the_income_year_is_over(app)
    assert post(clerk, case_id, "endgueltige-pruefung").status_code == 302
    assert status(app, case_id) == "documents_requested"
    assert "Anforderung von Nachweisen" in clerk.get(f"/amt/faelle/{case_id}").get_data(as_text=True)


def test_a_withdrawal_needs_a_reason(app, clerk, facility):
    case_id = report(facility).id
    refused = post(clerk, case_id, "zurueckziehen", reason="   ")
    assert refused.status_code == 400 and status(app, case_id) == "invited"
    assert post(clerk, case_id, "zurueckziehen", reason="Familie zieht weg").status_code == 302
    assert status(app, case_id) == "withdrawn"


def test_a_closed_case_is_reopened_with_a_reason_and_the_history_shows_it(app, clerk, facility):
    case_id = settled(app, facility)
    assert post(clerk, case_id, "abmeldung", **{
        "last_day-day": "30", "last_day-month": "9", "last_day-year": "2025"}).status_code == 302
    assert post(clerk, case_id, "festsetzen", kind="provisional").status_code == 302
    assert app.test_cli_runner().invoke(args=["jobs", "run-due", "--date", "2025-10-01"]).exit_code == 0
    assert status(app, case_id) == "closed"
    assert post(clerk, case_id, "wieder-oeffnen", reason="").status_code == 400
    assert post(clerk, case_id, "wieder-oeffnen", reason="Abmeldedatum war falsch").status_code == 302
    page = clerk.get(f"/amt/faelle/{case_id}").get_data(as_text=True)
    assert status(app, case_id) == "in_review" and "Abmeldedatum war falsch" in page


def test_an_act_on_a_version_someone_else_changed_is_refused_in_plain_german(app, clerk, facility):
    case_id = settled(app, facility)
    once_the_income_year_is_over(app)
    seen = version_of(clerk, case_id)
    assert post(clerk, case_id, "endgueltige-pruefung").status_code == 302
    response = clerk.post(f"/amt/faelle/{case_id}/geschwister", data={"version": seen, "file_number": "x"},
                          follow_redirects=True)
    assert "Der Fall wurde inzwischen von jemand anderem bearbeitet." in response.get_data(as_text=True)
