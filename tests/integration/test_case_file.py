"""A case is read once for a decision: approving reads the declaration, the proofs and the latest assessment
one time each, and the clerk's review page too — the case file carries them through every step."""
from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import date

from sqlalchemy import event

from elternbeitraege import db
from elternbeitraege.models import FeeCase
from elternbeitraege.services.assessment import review
from elternbeitraege.services.kernel.uow import UnitOfWork
from elternbeitraege.services.views import review as review_view
from tests.web.steps import clerk_actor

TODAY = date(2025, 7, 1)
READS = {"declaration": r"FROM declaration\b", "proofs": r"FROM proof\b",
         "latest assessment": r"FROM assessment\b"}


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


def test_approving_a_case_reads_its_declaration_proofs_and_latest_assessment_once_each(app, submitted_case):
    with app.app_context():
        session = db.session()
        case = session.get(FeeCase, submitted_case)
        actor = clerk_actor(session)
        with selects_counted(session) as counts:
            review.approve(UnitOfWork(session, TODAY), actor, case.id, case.version, final=False, comment="")
        assert case.status == "facility_notified"
    assert counts == {"declaration": 1, "proofs": 1, "latest assessment": 1}


def test_the_clerks_review_page_reads_the_declaration_and_the_proofs_once(app, submitted_case):
    with app.app_context():
        session = db.session()
        actor = clerk_actor(session)
        with selects_counted(session) as counts:
            view = review_view.review_view(session, actor, submitted_case, TODAY)
    assert view.declaration is not None and view.calculation.months
    assert counts["declaration"] == 1 and counts["proofs"] == 1
