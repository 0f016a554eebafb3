"""A proof deadline lies after today and within the span the office sets (three months unless it says otherwise);
a deadline beyond it is refused with a message that names the bound, and nothing typed is lost."""
from __future__ import annotations

import pytest

from elternbeitraege import db
from elternbeitraege.models import FeeCase
from elternbeitraege.services import demo as seed
from tests.helpers import commit
from tests.web.steps import declare_income, newest_case, register, version_of
from tests.web.test_forms import assert_refused_page, case_state, field_error

MESSAGE = "Bitte die Lohnsteuerbescheinigung 2024."


@pytest.fixture
def app(make_app):
    return make_app(TODAY="2026-12-03")


@pytest.fixture
def submitted(app, demo, login):
    """Return a clerk's client and the demo case, declared, submitted and taken up for review."""
    parent = app.test_client()
    assert register(parent, seed.DEMO_CODE).status_code == 302
    case_id = newest_case(app).id
    declare_income(parent, case_id)
    assert parent.post(f"/eltern/faelle/{case_id}/erklaerung/pruefen").status_code == 302
    clerk = login(app.test_client(), "sachbearbeitung@musterstadt.example")
    started = clerk.post(f"/amt/faelle/{case_id}/pruefung", data={"version": version_of(clerk, case_id)})
    assert started.status_code == 302
    return clerk, case_id


def ask_for_proofs(clerk, case_id: int, day: str, month: str, year: str):
    return clerk.post(f"/amt/faelle/{case_id}/nachweise-anfordern", data={
        "version": version_of(clerk, case_id), "message": MESSAGE,
        "deadline-day": day, "deadline-month": month, "deadline-year": year})


@pytest.mark.parametrize("deadline", [("4", "3", "2027"), ("31", "12", "2030")], ids=["a day too far", "2030"])
def test_a_deadline_beyond_three_months_is_refused_naming_the_bound_and_keeps_what_was_typed(
        app, submitted, deadline):
    clerk, case_id = submitted
    before = case_state(app, case_id)
    response = ask_for_proofs(clerk, case_id, *deadline)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert_refused_page(page)
    assert field_error(page, "deadline") == ("Die Frist darf höchstens 3 Monate nach dem heutigen Tag liegen, also "
                                             "spätestens am 03.03.2027.")
    assert MESSAGE in page and f'value="{deadline[2]}"' in page
    assert case_state(app, case_id) == before


def test_the_last_day_of_the_span_is_accepted(app, submitted):
    clerk, case_id = submitted
    assert ask_for_proofs(clerk, case_id, "3", "3", "2027").status_code == 302
    with app.app_context():
        assert db.session().get(FeeCase, case_id).documents_due.isoformat() == "2027-03-03"


def test_the_office_sets_the_span_and_the_form_says_the_last_day(app, submitted):
    clerk, case_id = submitted
    with app.app_context():
        db.session().get(FeeCase, case_id).office.deadline_max_months = 1
        commit(db.session())
    assert "spätestens am 03.01.2027" in clerk.get(f"/amt/faelle/{case_id}").get_data(as_text=True)
    refused = ask_for_proofs(clerk, case_id, "4", "1", "2027")
    assert field_error(refused.get_data(as_text=True), "deadline") == (
        "Die Frist darf höchstens 1 Monat nach dem heutigen Tag liegen, also spätestens am 03.01.2027.")
    assert ask_for_proofs(clerk, case_id, "3", "1", "2027").status_code == 302
