"""The case pages show the moments of a case in German time (Europe/Berlin), though they are stored in UTC."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from elternbeitraege import db
from elternbeitraege.models import CaseEvent
from tests.helpers import access_code_in, commit
from tests.web.steps import document_bytes, register, report

CLERK = "sachbearbeitung@musterstadt.example"
FACILITY = "kita-sonnenblume@musterstadt.example"


@pytest.fixture
def case_id(app, demo, login):
    """Return an invited case whose report fell on a winter afternoon and whose invitation late on a summer evening."""
    case_id = report(login(app.test_client(), FACILITY)).id
    with app.app_context():
        session = db.session()
        reported, invited = session.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)).all()[:2]
        reported.at = datetime(2025, 12, 31, 23, 30, tzinfo=UTC)
        invited.at = datetime(2026, 7, 3, 22, 30, tzinfo=UTC)
        commit(session)
    return case_id


def test_the_clerk_reads_the_case_history_in_german_winter_and_summer_time(app, case_id, login):
    page = login(app.test_client(), CLERK).get(f"/amt/faelle/{case_id}").get_data(as_text=True)
    assert "01.01.2026, 00:30 Uhr (MEZ)" in page
    assert "04.07.2026, 00:30 Uhr (MESZ)" in page
    assert "UTC" not in page and "31.12.2025" not in page


def test_the_facilitys_milestones_fall_on_the_german_day(app, case_id, login):
    page = login(app.test_client(), FACILITY).get(f"/einrichtung/kinder/{case_id}").get_data(as_text=True)
    assert "<li>01.01.2026: Aufnahme gemeldet" in page
    assert "31.12.2025" not in page


def test_the_parents_timeline_falls_on_the_german_day(app, case_id):
    parent = app.test_client()
    assert register(parent, access_code_in(document_bytes(app, case_id, "invitation"))).status_code == 302
    page = parent.get(f"/eltern/faelle/{case_id}").get_data(as_text=True)
    assert "<li>04.07.2026: Einladung erstellt</li>" in page
