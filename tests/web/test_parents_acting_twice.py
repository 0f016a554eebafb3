"""Parents acting twice at once (a double click, two tabs, a clerk meanwhile): one act wins, the other is told.

Each race is made exact the way real ones happen: the second request is on its way to write (its session is
about to flush) when the first request runs from start to end and commits. The first runs on another app
instance, as on another worker process.
"""
from __future__ import annotations

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from elternbeitraege import db
from elternbeitraege.models import CaseEvent, Declaration, FeeCase
from elternbeitraege.services import demo as seed
from elternbeitraege.services.kernel.uow import CHANGED_MEANWHILE
from tests.web.steps import PARENT_PASSWORD, declare_income, newest_case, register

PARENT = "julia@beispiel.example"
SENT = "Die Erklärung ist schon abgesendet und kann nicht mehr geändert werden."
ELSEWHERE = "Ihre Erklärung wurde gerade an anderer Stelle geändert"


@pytest.fixture
def tabs(app, make_app, demo):
    """Return two signed-in browser tabs of the same parent, each on its own app instance, and the case id."""
    first = app.test_client()
    assert register(first, seed.DEMO_CODE, PARENT).status_code == 302
    second = make_app().test_client()
    assert second.post("/anmelden", data={"email": PARENT, "password": PARENT_PASSWORD}).status_code == 302
    return first, second, newest_case(app).id


def _meanwhile(when, act):
    """Run ``act`` once, from the first flush that ``when(session)`` picks, before that flush writes."""
    ran = {}

    def before_flush(session, _context, _instances):
        if "done" not in ran and when(session):
            ran["done"] = None
            ran["done"] = act()

    return ran, before_flush


def _race(second_request, when, first_request):
    ran, listener = _meanwhile(when, first_request)
    event.listen(Session, "before_flush", listener)
    try:
        response = second_request()
    finally:
        event.remove(Session, "before_flush", listener)
    assert "done" in ran, "the race did not happen"
    return ran["done"], response


def _submitting(session) -> bool:
    return any(isinstance(obj, FeeCase) and obj.status == "submitted" for obj in session.dirty)


def _events(app, case_id: int, trigger: str) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(CaseEvent).where(
            CaseEvent.case_id == case_id, CaseEvent.trigger == trigger))


def test_two_submissions_at_once_submit_once_and_the_second_is_told_it_was_sent(app, tabs):
    first, second, case_id = tabs
    declare_income(first, case_id)
    path = f"/eltern/faelle/{case_id}/erklaerung/pruefen"
    winner, response = _race(lambda: second.post(path), _submitting, lambda: first.post(path).status_code)
    assert winner == 302
    assert response.status_code == 302 and response.headers["Location"] == f"/eltern/faelle/{case_id}"
    assert SENT in second.get(response.headers["Location"]).get_data(as_text=True)
    assert _events(app, case_id, "submit") == 1


def test_accepting_the_highest_fee_twice_at_once_records_it_once(app, tabs):
    first, second, case_id = tabs
    assert first.post(f"/eltern/faelle/{case_id}/erklaerung/kind", data={"confirmed": "y"}).status_code == 302
    path = f"/eltern/faelle/{case_id}/erklaerung/hoechstbeitrag"

    def accepting(session) -> bool:  # the first write of the act: the declaration's new choice
        return any(isinstance(obj, Declaration) and obj.income_choice == "highest" for obj in session.dirty)

    winner, response = _race(lambda: second.post(path), accepting, lambda: first.post(path).status_code)
    assert winner == 302 and response.status_code == 302
    assert SENT in second.get(response.headers["Location"]).get_data(as_text=True)
    assert _events(app, case_id, "accept_highest") == 1


def test_a_second_click_after_the_submission_is_told_it_was_sent(app, tabs):
    first, _second, case_id = tabs
    declare_income(first, case_id)
    path = f"/eltern/faelle/{case_id}/erklaerung/pruefen"
    assert first.post(path).status_code == 302
    again = first.post(path, follow_redirects=True)
    assert again.status_code == 200 and SENT in again.get_data(as_text=True)
    assert _events(app, case_id, "submit") == 1


def test_the_first_save_of_the_declaration_in_two_tabs_at_once_keeps_both_and_one_declaration(app, tabs):
    first, second, case_id = tabs
    base = f"/eltern/faelle/{case_id}/erklaerung"

    def creating(session) -> bool:
        return any(isinstance(obj, Declaration) for obj in session.new)

    winner, response = _race(lambda: second.post(base + "/leistungen", data={"benefit": "none"}), creating,
                             lambda: first.post(base + "/kind", data={"confirmed": "y"}).status_code)
    assert winner == 302 and response.status_code == 302, response.get_data(as_text=True)[:2000]
    with app.app_context():
        declarations = db.session().scalars(select(Declaration).where(Declaration.case_id == case_id)).all()
        assert [(d.child_confirmed, d.benefit) for d in declarations] == [(True, "none")]


def test_a_page_saved_while_the_declaration_is_being_submitted_changes_nothing_that_was_sent(app, tabs):
    first, second, case_id = tabs
    declare_income(first, case_id)
    base = f"/eltern/faelle/{case_id}/erklaerung"

    def saving_household(session) -> bool:
        return any(isinstance(obj, Declaration) and obj.lives_with == "one" for obj in session.dirty)

    winner, response = _race(lambda: second.post(base + "/haushalt", data={"lives_with": "one"}), saving_household,
                             lambda: first.post(base + "/pruefen").status_code)
    assert winner == 302 and response.status_code == 302
    assert SENT in second.get(response.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        declaration = db.session().scalars(select(Declaration).where(Declaration.case_id == case_id)).one()
        assert declaration.lives_with == "both" and declaration.submitted_at is not None


def test_two_tabs_saving_the_same_open_page_at_once_tell_the_later_one_to_look_again(app, tabs):
    first, second, case_id = tabs
    base = f"/eltern/faelle/{case_id}/erklaerung"
    assert first.post(base + "/kind", data={"confirmed": "y"}).status_code == 302

    def saving_benefit(session) -> bool:
        return any(isinstance(obj, Declaration) and obj.benefit == "wohngeld" for obj in session.dirty)

    wohngeld = {"benefit": "wohngeld", "benefit_from-month": "8", "benefit_from-year": "2025", "open_ended": "y"}
    winner, response = _race(lambda: second.post(base + "/leistungen", data=wohngeld), saving_benefit,
                             lambda: first.post(base + "/leistungen", data={"benefit": "none"}).status_code)
    assert winner == 302
    assert response.status_code == 302 and response.headers["Location"] == f"{base}"
    assert ELSEWHERE in second.get(response.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        assert db.session().scalar(select(Declaration.benefit).where(Declaration.case_id == case_id)) == "none"


def test_a_submission_while_the_clerk_withdraws_the_case_is_told_the_case_changed_and_submits_nothing(
        app, make_app, tabs, login):
    first, _second, case_id = tabs
    declare_income(first, case_id)
    clerk_app = make_app()
    clerk = login(clerk_app.test_client(), "sachbearbeitung@musterstadt.example")

    def withdraw() -> int:
        with clerk_app.app_context():
            version = db.session().get(FeeCase, case_id).version
        return clerk.post(f"/amt/faelle/{case_id}/zurueckziehen",
                          data={"version": version, "reason": "Der Platz wurde nicht angetreten."}).status_code

    path = f"/eltern/faelle/{case_id}/erklaerung/pruefen"
    withdrawn, response = _race(lambda: first.post(path), _submitting, withdraw)
    assert withdrawn == 302
    assert response.status_code == 302 and response.headers["Location"] == f"/eltern/faelle/{case_id}"
    assert CHANGED_MEANWHILE in first.get(response.headers["Location"]).get_data(as_text=True)
    assert _events(app, case_id, "submit") == 0 and _events(app, case_id, "withdraw") == 1
    with app.app_context():
        case = db.session().get(FeeCase, case_id)
        assert case.status == "withdrawn"
        assert db.session().scalar(select(Declaration.submitted_at).where(Declaration.case_id == case_id)) is None
