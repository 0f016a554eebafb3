"""``flask notices sample`` and ``flask notices batch``: what the operator types and what the command answers."""
from __future__ import annotations

import io
from datetime import date, timedelta

import pypdf
import pytest

from elternbeitraege import db
from elternbeitraege.models import FeeCase, YouthOffice
from elternbeitraege.services.assessment.case_file import read_case_file
from elternbeitraege.services.assessment.decisions import Decision, decide
from elternbeitraege.services.kernel.actor import SYSTEM
from elternbeitraege.services.notices import samples
from elternbeitraege.services.notices.notice_text import DECLARATION_MISSING
from tests.helpers import commit
from tests.integration.story import Story

HEADINGS = {
    "fee": "Vorläufiger Beitragsbescheid", "amending": "Endgültiger Änderungsbescheid",
    "final": "Endgültiger Beitragsbescheid",
    "invitation": "Einladung zur Einkommenserklärung", "proof_request": "Anforderung von Nachweisen",
    "reminder": "Erinnerung: Einkommenserklärung für Mia Muster", "facility": "Mitteilung: Elternbeitrag festgesetzt",
}


def text_of(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize("kind", samples.KINDS)
def test_a_sample_of_every_kind_is_written_as_a_pdf_with_its_heading(app, tmp_path, kind):
    out = tmp_path / f"{kind}.pdf"
    result = app.test_cli_runner().invoke(args=["notices", "sample", kind, str(out), "--date", "2025-07-01"])
    assert result.exit_code == 0, result.output
    assert samples.KIND_LABELS[kind] in result.output
    text = text_of(out.read_bytes())
    assert HEADINGS[kind] in text and "Jugendamt Musterstadt" in text and "01.07.2025" in text


def test_a_sample_takes_the_letterhead_of_the_office_named(app, demo, tmp_path):
    with app.app_context():
        session = db.session()
        session.get(YouthOffice, 1).name = "Jugendamt Beispielhausen"
        commit(session)
    out = tmp_path / "fee.pdf"
    assert app.test_cli_runner().invoke(args=["notices", "sample", "fee", str(out), "--office", "1"]).exit_code == 0
    assert "Jugendamt Beispielhausen" in text_of(out.read_bytes())


@pytest.mark.parametrize(("args", "message"), [
    (["notices", "sample", "bescheid", "x.pdf"], "„bescheid“ gibt es nicht. Möglich sind: fee, amending"),
    (["notices", "sample", "fee", "x.pdf", "--office", "99"], "Es gibt kein Jugendamt mit der Nummer 99."),
    (["notices", "sample", "fee", "x.pdf", "--date", "1.7.2025"], "ist kein Datum. Geben Sie es als JJJJ-MM-TT an"),
    (["notices", "sample", "fee", "/kein/ordner/x.pdf"], "lässt sich nicht schreiben"),
    (["notices", "batch", "--office", "99"], "Es gibt kein Jugendamt mit der Nummer 99."),
    (["notices", "batch", "--office", "1", "--year", "20"], "20 ist kein sinnvolles Kalenderjahr."),
    (["notices", "batch", "--office", "1", "--workers", "0"], "Geben Sie zwischen 1 und 64 Prozesse an."),
])
def test_bad_input_is_named_in_german_with_a_failing_exit_status(app, demo, args, message):
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code != 0
    assert message in result.output


def test_the_batch_command_issues_the_due_notices_then_has_nothing_left_to_do(app, demo, login, tmp_path):
    story = Story(app, login)
    ids = [story.report(child_first_name=name) for name in ("Lena", "Paul")]
    story.run_due(date(2025, 7, 30))
    with app.app_context():
        session = db.session()
        for case_id in ids:
            decide(session, read_case_file(session, session.get(FeeCase, case_id)), SYSTEM,
                   Decision("expire_declaration", True, highest_reason=DECLARATION_MISSING), date(2025, 8, 14))
        commit(session)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["notices", "batch", "--office", "1", "--out", str(tmp_path), "--date", "2025-08-14"])
    assert first.exit_code == 0, first.output
    assert "Fällige Bescheide: 2" in first.output and "Erzeugt: 2 Bescheide" in first.output
    assert "Mitteilungen an Einrichtungen: 1" in first.output
    print_file = next(tmp_path.glob("Druckdatei-1-*-2025-08-14.pdf"))
    assert f"Druckdatei: {print_file}" in first.output
    second = runner.invoke(args=["notices", "batch", "--office", "1", "--out", str(tmp_path)])
    assert second.exit_code == 0 and "Nichts zu tun: Es sind keine Bescheide fällig." in second.output
    assert "Fällige Bescheide: 0" in second.output


def test_run_due_issues_the_notices_its_expiries_decided_and_says_how_many(app, demo, login):
    story = Story(app, login)
    story.report()
    runner = app.test_cli_runner()
    runner.invoke(args=["jobs", "run-due", "--date", "2025-07-30"])
    result = runner.invoke(args=["jobs", "run-due", "--date", (date(2025, 7, 30) + timedelta(days=15)).isoformat()])
    assert result.exit_code == 0, result.output
    assert "Höchstbeitrag nach Erinnerung" in result.output
    assert [line.split()[-1] for line in result.output.splitlines() if "Bescheide erzeugt" in line] == ["2"]
