"""``flask cases correct-income``: an operator corrects a declared income figure in a clerk's name."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from elternbeitraege import db
from elternbeitraege.models import FeeCase, IncomeCorrection
from elternbeitraege.services.assessment import review
from tests.integration.story import Story

CLERK = "sachbearbeitung@musterstadt.example"


@pytest.fixture
def story(app, demo, login) -> Story:
    return Story(app, login)


def in_review(story: Story) -> FeeCase:
    case_id = story.report()
    story.declare_and_submit(case_id)
    story.on(case_id, review.start_review)
    return story.case(case_id)


def run(app, *args: str):
    return app.test_cli_runner().invoke(args=["cases", "correct-income", *args])


def options(**changes: str) -> list[str]:
    values = {"--clerk": CLERK, "--person": "1", "--kind": "employment", "--amount": "41.000,00",
              "--reason": "Laut Steuerbescheid 2025"} | changes
    return [part for option, value in values.items() for part in (option, value)]


def test_the_command_corrects_the_figure_as_the_clerk_and_the_case_page_shows_it(app, story):
    case = in_review(story)
    result = run(app, case.file_number, *options())
    assert result.exit_code == 0, result.output
    assert (f"Einkommen korrigiert im Fall {case.file_number}: Elternteil 1, Einkünfte aus nichtselbstständiger "
            "Arbeit: 52.000 € → 41.000 €. Grund: Laut Steuerbescheid 2025") in result.output
    with app.app_context():
        session = db.session()
        stored = session.scalars(select(IncomeCorrection)).one()
        event = session.get(FeeCase, case.id).events[-1]
        assert (stored.amount_before, stored.amount_after) == (52000, 41000)
        assert event.trigger == "correct_income" and event.user_id == story.clerk(session).user_id


@pytest.mark.parametrize(("changes", "message"), [
    ({"--clerk": "niemand@musterstadt.example"}, "Es gibt keine Sachbearbeitung mit der E-Mail-Adresse"),
    ({"--person": "3"}, "Geben Sie 1 oder 2 an."),
    ({"--kind": "lohn"}, "„lohn“ gibt es nicht. Möglich sind: employment"),
    ({"--amount": "-5"}, "„-5“ ist kein Betrag."),
    ({"--reason": "  "}, "--reason: Schreiben Sie, warum Sie das Einkommen korrigieren"),
    ({"--amount": "52000"}, "--amount: Es gilt schon 52.000 €."),
    ({"--version": "x"}, "Geben Sie den Stand als Zahl an"),
])
def test_bad_input_is_named_in_german_and_nothing_is_stored(app, story, changes, message):
    case = in_review(story)
    result = run(app, case.file_number, *options(**changes))
    assert result.exit_code != 0
    assert message in result.output
    with app.app_context():
        assert db.session().scalars(select(IncomeCorrection)).all() == []


def test_an_unknown_file_number_is_named(app, story):
    result = run(app, "51-EB-1999-99999", *options())
    assert result.exit_code != 0 and "gibt es keinen Fall 51-EB-1999-99999" in result.output


def test_a_stale_version_is_refused_as_changed_meanwhile(app, story):
    case = in_review(story)
    result = run(app, case.file_number, *options(**{"--version": str(case.version - 1)}))
    assert result.exit_code != 0
    assert "Der Fall wurde inzwischen von jemand anderem bearbeitet. Das Einkommen wurde nicht korrigiert." in (
        result.output)
