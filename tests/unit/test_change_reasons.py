"""The reason in law an amending notice gives: what changed, never the workflow step that led to the new decision."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from elternbeitraege.services.notices.change_reasons import change_reason
from elternbeitraege.services.notices.notice_text import PROOFS_MISSING
from workflows import TRIGGER_LABELS

MONTHS = [{"month": "2025-08"}, {"month": "2026-07"}]


def case(final_check_year: int | None = None, reassess_from: date | None = None) -> SimpleNamespace:
    return SimpleNamespace(final_check_year=final_check_year, reassess_from=reassess_from)


def record(kind: str = "provisional") -> SimpleNamespace:
    return SimpleNamespace(kind=kind, months=MONTHS)


def event(trigger: str, comment: str | None = None) -> SimpleNamespace:
    return SimpleNamespace(trigger=trigger, comment=comment)


@pytest.mark.parametrize(("fee_case", "final", "highest", "events", "reason"), [
    (case(2025), True, None, [event("start_final_check", "Einkommensjahr 2025")],
     "Endgültige Festsetzung nach Prüfung des Einkommens 2025"),
    (case(), True, None, [], "Endgültige Festsetzung nach Prüfung des Einkommens 2025 und 2026"),
    (case(2025), True, PROOFS_MISSING, [event("start_final_check")],
     "Endgültige Festsetzung des Höchstbeitrags, weil die Nachweise über das Einkommen 2025 nicht fristgerecht "
     "vorgelegt wurden"),
    (case(2025), False, None, [event("start_final_check")], "Neufestsetzung nach Prüfung der Einkommensnachweise 2025"),
    (case(reassess_from=date(2025, 10, 1)), False, None,
     [event("report_care_change", "35 → 45 Wochenstunden ab 01.10.2025"), event("correct_income", "Steuerbescheid")],
     "Änderung der Betreuungszeit ab Oktober 2025 (35 → 45 Wochenstunden ab 01.10.2025); Berichtigung des "
     "angerechneten Einkommens durch das Jugendamt (Steuerbescheid)"),
    (case(), False, None, [event("correct_income", "Werbungskosten 1.800,00 €")],
     "Berichtigung des angerechneten Einkommens durch das Jugendamt (Werbungskosten 1.800,00 €)"),
    (case(2025), True, None, [event("start_final_check"), event("correct_income", "Steuerbescheid 2025")],
     "Endgültige Festsetzung nach Prüfung des Einkommens 2025; Berichtigung des angerechneten Einkommens durch "
     "das Jugendamt (Steuerbescheid 2025)"),
    (case(reassess_from=date(2026, 1, 1)), True, None, [event("report_income_change", "Einkommen ab 01.01.2026")],
     "Endgültige Festsetzung nach Prüfung des Einkommens 2025 und 2026; Änderung des Einkommens oder des Bezugs "
     "von Sozialleistungen ab Januar 2026 (Einkommen ab 01.01.2026)"),
    (case(), False, None, [event("report_departure", "letzter Betreuungstag 31.12.2025")],
     "Ende der Betreuung (letzter Betreuungstag 31.12.2025)"),
    (case(), False, None, [event("reopen", "Abmeldedatum war falsch")],
     "Berichtigung des bisherigen Bescheids (Abmeldedatum war falsch)"),
    (case(), False, None, [], "Neuberechnung nach der Beitragssatzung"),
])
def test_a_new_decision_names_the_change_in_law_it_rests_on(fee_case, final, highest, events, reason):
    assert change_reason(fee_case, record(), final, highest, events) == reason


def test_a_reason_is_never_a_workflow_label():
    reasons = [change_reason(case(2025), record(), final, None, [event(trigger)])
               for trigger in TRIGGER_LABELS for final in (False, True)]
    assert not set(reasons) & set(TRIGGER_LABELS.values())


def test_a_first_decision_changes_nothing_and_has_no_reason():
    assert change_reason(case(), None, False, None, [event("approve")]) is None


def test_a_final_notice_after_a_final_one_names_the_change_not_the_final_assessment():
    reason = change_reason(case(reassess_from=date(2025, 10, 1)), record("final"), True, None,
                           [event("report_care_change", "35 → 45")])
    assert reason == "Änderung der Betreuungszeit ab Oktober 2025 (35 → 45)"
