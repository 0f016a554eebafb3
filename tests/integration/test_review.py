"""The clerk's review through the services: one transaction, one notice, no lost update."""
from __future__ import annotations

import hashlib
from datetime import date

import pytest
from sqlalchemy import delete, func, select

from elternbeitraege import db
from elternbeitraege.models import AssessmentRecord, CaseEvent, Document, FeeCase, OfficeStatute
from elternbeitraege.services.assessment import review
from elternbeitraege.services.kernel.errors import Conflict
from elternbeitraege.services.kernel.uow import UnitOfWork, abandon
from elternbeitraege.services.views import review as review_view
from tests.helpers import commit, pdf_text
from tests.web.steps import clerk_actor

TODAY = date(2025, 7, 1)


clerk = clerk_actor


def test_approval_issues_one_notice_notifies_the_facility_and_records_every_step(app, submitted_case):
    with app.app_context():
        session = db.session()
        case = session.get(FeeCase, submitted_case)
        review.approve(UnitOfWork(session, TODAY), clerk(session), case.id, case.version, final=False, comment="")
        steps = [(event.trigger, event.from_state, event.to_state, event.role) for event in case.events]
    assert steps[-3:] == [("approve", "in_review", "approved", "clerk"),
                          ("issue_notice", "approved", "notice_issued", "system"),
                          ("notify_facility", "notice_issued", "facility_notified", "system")]
    assert [step[0] for step in steps[:4]] == ["report", "invite", "submit", "start_review"]


def test_a_stored_notice_is_downloaded_with_the_same_bytes_every_time(app, submitted_case, login):
    with app.app_context():
        session = db.session()
        case = session.get(FeeCase, submitted_case)
        review.approve(UnitOfWork(session, TODAY), clerk(session), case.id, case.version, final=False, comment="")
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
        review.approve(UnitOfWork(sessions[0], TODAY), clerk(sessions[0]), submitted_case, cases[0].version, False, "")
        with pytest.raises(Conflict):
            review.approve(UnitOfWork(sessions[1], TODAY), clerk(sessions[1]), submitted_case, cases[1].version, True,
                           "")
        for session in sessions:
            session.close()
        session = db.session()
        notices = session.scalar(select(func.count()).select_from(Document).where(Document.kind == "fee_notice"))
        approvals = session.scalar(select(func.count()).select_from(CaseEvent).where(CaseEvent.trigger == "approve"))
    assert (notices, approvals) == (1, 1)


def test_a_failure_while_issuing_leaves_the_case_as_it_was(app, submitted_case, monkeypatch):
    def broken_renderer(*_args, **_kwargs):
        raise RuntimeError("renderer down")

    monkeypatch.setattr("elternbeitraege.services.assessment.decisions.pdf.render_document", broken_renderer)
    with app.app_context():
        session = db.session()
        case = session.get(FeeCase, submitted_case)
        with pytest.raises(RuntimeError):
            review.approve(UnitOfWork(session, TODAY), clerk(session), case.id, case.version, False, "")
        abandon(session)
        assert session.get(FeeCase, submitted_case).status == "in_review"
        assert not session.scalar(select(func.count()).select_from(Document).where(Document.kind == "fee_notice"))


def test_the_assessment_keeps_the_statute_of_every_month_and_the_notice_names_the_statute(app, submitted_case):
    with app.app_context():
        session = db.session()
        case = session.get(FeeCase, submitted_case)
        review.approve(UnitOfWork(session, TODAY), clerk(session), case.id, case.version, final=False, comment="")
        record = session.scalars(select(AssessmentRecord)).one()
        notice = pdf_text(session.scalars(select(Document).where(Document.kind == "fee_notice")).one().content)
    assert record.statute_id == "kreis-guetersloh-2024"
    assert {month["statute_id"] for month in record.months} == {"kreis-guetersloh-2024"}
    assert [month["amount"] for month in record.months][:1] == ["223.00"] and len(record.months) == 12
    assert record.income_basis == ("Einkommensgruppe 6: Einkommen über 50.000 € bis 55.000 € (erklärte Einkünfte im "
                                   "Jahr 52.000 €; Arbeitslohn abzüglich Werbungskosten, mindestens 1.230 €)")
    assert "Kreis Gütersloh vom 02.03.2020" in notice
    assert "Pauschbetrag von 1.230 € je Elternteil" in notice


def test_a_case_the_statutes_do_not_cover_is_not_approved_and_the_clerk_is_told_why(app, submitted_case):
    with app.app_context():
        session = db.session()
        session.execute(delete(OfficeStatute))
        commit(session)
        case = session.get(FeeCase, submitted_case)
        with pytest.raises(Conflict) as refused:
            review.approve(UnitOfWork(session, TODAY), clerk(session), case.id, case.version, False, "")
        view = review_view.review_view(session, clerk(session), submitted_case, TODAY)
        status = session.get(FeeCase, submitted_case).status
    assert str(refused.value).startswith("Der Beitrag kann nicht berechnet werden: ")
    assert status == "in_review"
    assert view.calculation.months == () and view.income_basis.startswith("Keine Berechnung möglich: ")
