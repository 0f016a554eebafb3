"""``flask jobs run-due``: what is due is done once — run twice, or by two machines at the same moment."""
from __future__ import annotations

import threading
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from elternbeitraege import db
from elternbeitraege.models import CaseEvent, Document, FeeCase
from tests.integration.story import Story

TODAY = date(2025, 7, 1)
AFTER_DEADLINE = TODAY + timedelta(days=29)  # the invitation gives 28 days


@pytest.fixture
def three_unanswered(app, demo, login) -> Story:
    """Three invitations the parents have not answered, besides the demo family's."""
    story = Story(app, login)
    for name in ("Lena", "Paul", "Ida"):
        story.report(child_first_name=name)
    return story


def reminders(app) -> tuple[int, int, Counter]:
    with app.app_context():
        session = db.session()
        events = Counter(session.scalars(select(CaseEvent.case_id).where(CaseEvent.trigger == "remind")))
        letters = session.scalar(select(func.count()).select_from(Document).where(Document.kind == "reminder"))
        reminded = session.scalar(select(func.count()).select_from(FeeCase).where(FeeCase.status == "reminded"))
    return reminded, letters, events


def test_running_the_jobs_twice_does_each_thing_once(three_unanswered, app):
    first = three_unanswered.run_due(AFTER_DEADLINE)
    second = three_unanswered.run_due(AFTER_DEADLINE)
    reminded, letters, events = reminders(app)
    assert first["reminders"] == 4 and sum(second.values()) == 0
    assert (reminded, letters) == (4, 4) and set(events.values()) == {1}


def test_two_runs_at_the_same_moment_do_each_thing_once(three_unanswered, app):
    results: list[Counter] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def run() -> None:
        try:
            start.wait()
            results.append(three_unanswered.run_due(AFTER_DEADLINE))
        except BaseException as error:  # noqa: BLE001 — reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    reminded, letters, events = reminders(app)
    assert errors == []
    assert sum(result["reminders"] for result in results) == letters == len(events)
    assert set(events.values()) == {1}  # no case was reminded twice
    # a case both runs found busy is simply left for the next run, which then does it
    three_unanswered.run_due(AFTER_DEADLINE)
    assert reminders(app)[:2] == (4, 4)


def test_the_command_prints_what_it_did_on_the_given_day(three_unanswered, app):
    result = app.test_cli_runner().invoke(args=["jobs", "run-due", "--date", AFTER_DEADLINE.isoformat()])
    assert result.exit_code == 0, result.output
    assert "Fällige Arbeiten am 30.07.2025" in result.output
    assert "Erinnerungen" in result.output and "4" in result.output
    again = app.test_cli_runner().invoke(args=["jobs", "run-due", "--date", AFTER_DEADLINE.isoformat()])
    assert "4" not in again.output.split("Erinnerungen")[1].splitlines()[0]


def test_a_bad_date_gets_a_clear_message(app):
    result = app.test_cli_runner().invoke(args=["jobs", "run-due", "--date", "30.07.2025"])
    assert result.exit_code != 0 and "30.07.2025" in result.output
