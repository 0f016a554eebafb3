"""A case is read once for a decision: approving reads the declaration, the proofs and the latest assessment
one time each, and the clerk's review page too — the case file carries them through every step."""
from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import event

from elternbeitraege import db
from elternbeitraege.models import FeeCase
from elternbeitraege.services.assessment import review
from elternbeitraege.services.kernel.uow import UnitOfWork
from elternbeitraege.services.views import review as review_view
from tests.helpers import access_code_in
from tests.web.steps import clerk_actor, declare_income, document_bytes, register, report

TODAY = date(2025, 7, 1)
READS = {"declaration": r"FROM declaration\b", "proofs": r"FROM proof\b",
         "latest assessment": r"FROM assessment\b"}


@pytest.fixture
def case_in_review(app, demo, login):
    """Return the id of a case whose declaration the parents have submitted and the clerk has taken up."""
    case = report(login(app.test_client(), "kita-sonnenblume@musterstadt.example"))
    parent = app.test_client()
    register(parent, access_code_in(document_bytes(app, case.id, "invitation")))
    declare_income(parent, case.id)
    assert parent.post(f"/eltern/faelle/{case.id}/erklaerung/pruefen").status_code == 302
    with app.app_context():
        session = db.session()
        review.start_review(UnitOfWork(session, TODAY), clerk_actor(session), case.id,
                            session.get(FeeCase, case.id).version)
    return case.id


@contextmanager
def selects_counted(session):
    """Count the SELECTs the session sends, by what they read."""
    counts = dict.fromkeys(READS, 0)

    def count(_connection, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("SELECT"):
            for name, pattern in READS.items():
                counts[name] += bool(re.search(pattern, statement, re.IGNORECASE))

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield counts
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_approving_a_case_reads_its_declaration_proofs_and_latest_assessment_once_each(app, case_in_review):
    with app.app_context():
        session = db.session()
        case = session.get(FeeCase, case_in_review)
        actor = clerk_actor(session)
        with selects_counted(session) as counts:
            review.approve(UnitOfWork(session, TODAY), actor, case.id, case.version, final=False, comment="")
        assert case.status == "facility_notified"
    assert counts == {"declaration": 1, "proofs": 1, "latest assessment": 1}


def test_the_clerks_review_page_reads_the_declaration_and_the_proofs_once(app, case_in_review):
    with app.app_context():
        session = db.session()
        actor = clerk_actor(session)
        with selects_counted(session) as counts:
            view = review_view.review_view(session, actor, case_in_review, TODAY)
    assert view.declaration is not None and view.calculation.months
    assert counts["declaration"] == 1 and counts["proofs"] == 1
