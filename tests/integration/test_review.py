"""The clerk's review through the services: one transaction, one notice, no lost update."""
from __future__ import annotations

import hashlib
from datetime import date

import pytest
from sqlalchemy import func, select

from elternbeitraege import db
from elternbeitraege.models import CaseEvent, Document, FeeCase, User
from elternbeitraege.services import review
from elternbeitraege.services.actor import Actor
from elternbeitraege.services.errors import Conflict
from tests.helpers import access_code_in
from tests.web.steps import declare_income, document_bytes, register, report

TODAY = date(2025, 7, 1)


@pytest.fixture
def submitted_case(app, demo, login):
    """Return the id of a case whose declaration the parents have submitted."""
    case = report(login(app.test_client(), "kita-sonnenblume@musterstadt.example"))
    parent = app.test_client()
    register(parent, access_code_in(document_bytes(app, case.id, "invitation")))
    declare_income(parent, case.id)
    assert parent.post(f"/eltern/faelle/{case.id}/erklaerung/pruefen").status_code == 302
    return case.id


def clerk(session) -> Actor:
    return Actor.of(session.scalars(select(User).where(User.role == "clerk")).one())


def test_approval_issues_one_notice_notifies_the_facility_and_records_every_step(app, submitted_case):
    with app.app_context():
        session = db.session()
        case = session.get(FeeCase, submitted_case)
        review.approve(session, clerk(session), case.id, case.version, final=False, comment="", today=TODAY)
        steps = [(event.trigger, event.from_state, event.to_state, event.role) for event in case.events]
    assert steps[-3:] == [("approve", "submitted", "approved", "clerk"),
                          ("issue_notice", "approved", "notice_issued", "system"),
                          ("notify_facility", "notice_issued", "facility_notified", "system")]
    assert [step[0] for step in steps[:3]] == ["report", "invite", "submit"]


def test_a_stored_notice_is_downloaded_with_the_same_bytes_every_time(app, submitted_case, login):
    with app.app_context():
        session = db.session()
        case = session.get(FeeCase, submitted_case)
        review.approve(session, clerk(session), case.id, case.version, final=True, comment="", today=TODAY)
        stored = session.scalars(select(Document).where(Document.kind == "fee_notice")).one()
        document_id, digest = stored.id, stored.sha256
    client = login(app.test_client(), "sachbearbeitung@musterstadt.example")
    first = client.get(f"/amt/faelle/{submitted_case}/dokumente/{document_id}").data
    second = client.get(f"/amt/faelle/{submitted_case}/dokumente/{document_id}").data
    assert first == second and hashlib.sha256(first).hexdigest() == digest


def test_of_two_clerks_approving_at_once_exactly_one_succeeds(app, submitted_case):
    with app.app_context():
        sessions = [app.extensions["db_sessions"]() for _ in range(2)]
        cases = [session.get(FeeCase, submitted_case) for session in sessions]
        review.approve(sessions[0], clerk(sessions[0]), submitted_case, cases[0].version, False, "", TODAY)
        with pytest.raises(Conflict):
            review.approve(sessions[1], clerk(sessions[1]), submitted_case, cases[1].version, True, "", TODAY)
        for session in sessions:
            session.close()
        session = db.session()
        notices = session.scalar(select(func.count()).select_from(Document).where(Document.kind == "fee_notice"))
        approvals = session.scalar(select(func.count()).select_from(CaseEvent).where(CaseEvent.trigger == "approve"))
    assert (notices, approvals) == (1, 1)


def test_a_failure_while_issuing_leaves_the_case_as_it_was(app, submitted_case, monkeypatch):
    def broken_renderer(*_args, **_kwargs):
        raise RuntimeError("renderer down")

    monkeypatch.setattr("elternbeitraege.services.letters.pdf.render_fee_notice", broken_renderer)
    with app.app_context():
        session = db.session()
        case = session.get(FeeCase, submitted_case)
        with pytest.raises(RuntimeError):
            review.approve(session, clerk(session), case.id, case.version, False, "", TODAY)
        session.rollback()
        assert session.get(FeeCase, submitted_case).status == "submitted"
        assert not session.scalar(select(func.count()).select_from(Document).where(Document.kind == "fee_notice"))
