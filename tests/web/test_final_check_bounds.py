"""The final check asks for the proofs of an income year only once that year is over, and as long after its end as
the office sets; before, the clerk is not offered it and is told in German why it cannot start."""
from __future__ import annotations

import html as html_lib
from datetime import date

import pytest

from elternbeitraege import db
from elternbeitraege.models import FeeCase
from tests.helpers import access_code_in, commit
from tests.web.steps import approve_provisionally, declare_income, document_bytes, register, report, version_of

CLERK = "sachbearbeitung@musterstadt.example"
DECEMBER_3 = date(2026, 12, 3)
# Care from 1 February 2027: the provisional notice of 3 December 2026 covers the months of 2027.
NEXT_YEAR = {"start_date-day": "1", "start_date-month": "2", "start_date-year": "2027"}


@pytest.fixture
def app(make_app):
    return make_app(TODAY=DECEMBER_3.isoformat())


@pytest.fixture
def clerk(app, demo, login):
    return login(app.test_client(), CLERK)


@pytest.fixture
def provisional(app, demo, login) -> int:
    """Return a case provisionally assessed on 3 December 2026 for care from February 2027."""
    facility = login(app.test_client(), "kita-sonnenblume@musterstadt.example")
    case_id = report(facility, **NEXT_YEAR).id
    parent = app.test_client()
    assert register(parent, access_code_in(document_bytes(app, case_id, "invitation"))).status_code == 302
    declare_income(parent, case_id)
    assert parent.post(f"/eltern/faelle/{case_id}/erklaerung/pruefen").status_code == 302
    approve_provisionally(app, case_id, DECEMBER_3)
    return case_id


def case_of(app, case_id: int) -> FeeCase:
    with app.app_context():
        case = db.session().get(FeeCase, case_id)
        db.session().expunge(case)
        return case


def start_final_check(clerk, case_id: int):
    return clerk.post(f"/amt/faelle/{case_id}/endgueltige-pruefung", data={"version": version_of(clerk, case_id)})


def test_a_final_check_of_a_year_not_begun_is_neither_offered_nor_accepted(app, clerk, provisional):
    page = clerk.get(f"/amt/faelle/{provisional}").get_data(as_text=True)
    assert 'id="act-start_final_check"' not in page and 'id="act-report_departure"' in page
    refused = start_final_check(clerk, provisional)
    text = html_lib.unescape(refused.get_data(as_text=True))
    assert refused.status_code == 400
    assert ("Die endgültige Prüfung des Einkommensjahres 2027 ist erst ab dem 01.04.2028 möglich: Das Jahr muss "
            "vorbei sein und Ihr Jugendamt prüft erst 3 Monate nach seinem Ende") in text
    case = case_of(app, provisional)
    assert (case.status, case.final_check_year, case.documents_due) == ("facility_notified", None, None)


def test_the_year_must_be_over_for_as_many_months_as_the_office_waits(app, clerk, provisional):
    app.config["TODAY"] = "2028-03-31"
    assert start_final_check(clerk, provisional).status_code == 400
    assert case_of(app, provisional).status == "facility_notified"
    app.config["TODAY"] = "2028-04-01"
    page = clerk.get(f"/amt/faelle/{provisional}").get_data(as_text=True)
    assert 'id="act-start_final_check"' in page and "Einkommensnachweise für das Jahr 2027" in page
    assert start_final_check(clerk, provisional).status_code == 302
    case = case_of(app, provisional)
    assert (case.status, case.final_check_year, case.documents_due) == (
        "documents_requested", 2027, date(2028, 4, 29))
    assert "im Jahr 2027" in case.documents_message


def test_an_office_that_does_not_wait_checks_from_the_first_day_after_the_year(app, clerk, provisional):
    with app.app_context():
        db.session().get(FeeCase, provisional).office.final_check_after_months = 0
        commit(db.session())
    app.config["TODAY"] = "2027-12-31"
    refused = start_final_check(clerk, provisional)
    assert refused.status_code == 400
    assert "erst ab dem 01.01.2028 möglich: Das Jahr muss vorbei sein." in html_lib.unescape(
        refused.get_data(as_text=True))
    app.config["TODAY"] = "2028-01-01"
    assert start_final_check(clerk, provisional).status_code == 302
