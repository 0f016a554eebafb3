"""Shared fixtures of the service tests."""
from __future__ import annotations

from datetime import date

import pytest

from elternbeitraege import db
from elternbeitraege.models import FeeCase
from elternbeitraege.services.assessment import review
from elternbeitraege.services.kernel.uow import UnitOfWork
from tests.helpers import access_code_in
from tests.web.steps import clerk_actor, declare_income, document_bytes, register, report

TODAY = date(2025, 7, 1)


@pytest.fixture
def submitted_case(app, demo, login):
    """Return the id of a case whose declaration the parents have submitted and the clerk has taken up."""
    case = report(login(app.test_client(), "kita-sonnenblume@musterstadt.example"))
    parent = app.test_client()
    register(parent, access_code_in(document_bytes(app, case.id, "invitation")))
    declare_income(parent, case.id)
    assert parent.post(f"/eltern/faelle/{case.id}/erklaerung/pruefen").status_code == 302
    with app.app_context():
        session = db.session()
        version = session.get(FeeCase, case.id).version
        review.start_review(UnitOfWork(session, TODAY), clerk_actor(session), case.id, version)
    return case.id
