"""Why a settled case is assessed again, as a reason in law: what changed, never the workflow step that led here.

An amending notice names its reason under „Grund der Änderung“ and in its reasoning. The reason
follows from the decision (a final assessment of a provisional fee) or else from the latest
change since the notice in force (other hours, the end of care, income or benefits, the sibling
rule, a correction); the clerk's or the facility's note says the details.
"""
from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from workflows import Trigger

from ...fees import Month
from ...models import AssessmentRecord, CaseEvent, FeeCase
from .notice_text import PROOFS_MISSING


class ChangeReason(StrEnum):
    FINAL_ASSESSMENT = "final_assessment"  # the provisional fee is set finally once the income is proven
    FINAL_WITHOUT_PROOFS = "final_without_proofs"  # set finally at the highest fee: the proofs did not come
    INCOME_CHECKED = "income_checked"  # proofs checked, the fee set anew and still provisionally
    CARE_HOURS = "care_hours"
    END_OF_CARE = "end_of_care"
    INCOME_OR_BENEFIT = "income_or_benefit"
    SIBLINGS = "siblings"
    CORRECTION = "correction"
    INCOME_CORRECTED = "income_corrected"  # the clerk counted an income figure other than the declared one
    RECALCULATION = "recalculation"


REASON_LABELS = {
    ChangeReason.FINAL_ASSESSMENT: "Endgültige Festsetzung nach Prüfung des Einkommens{years}",
    ChangeReason.FINAL_WITHOUT_PROOFS: "Endgültige Festsetzung des Höchstbeitrags, weil die Nachweise über das "
                                       "Einkommen{years} nicht fristgerecht vorgelegt wurden",
    ChangeReason.INCOME_CHECKED: "Neufestsetzung nach Prüfung der Einkommensnachweise{years}",
    ChangeReason.CARE_HOURS: "Änderung der Betreuungszeit",
    ChangeReason.END_OF_CARE: "Ende der Betreuung",
    ChangeReason.INCOME_OR_BENEFIT: "Änderung des Einkommens oder des Bezugs von Sozialleistungen",
    ChangeReason.SIBLINGS: "Anwendung der Geschwisterregelung der Beitragssatzung",
    ChangeReason.CORRECTION: "Berichtigung des bisherigen Bescheids",
    ChangeReason.INCOME_CORRECTED: "Berichtigung des angerechneten Einkommens durch das Jugendamt",
    ChangeReason.RECALCULATION: "Neuberechnung nach der Beitragssatzung",
}

# The events that put a settled case back into work, and the change in law each one stands for.
TRIGGER_REASONS = {
    Trigger.REPORT_CARE_CHANGE: ChangeReason.CARE_HOURS,
    Trigger.REPORT_DEPARTURE: ChangeReason.END_OF_CARE,
    Trigger.REPORT_INCOME_CHANGE: ChangeReason.INCOME_OR_BENEFIT,
    Trigger.LINK_SIBLING: ChangeReason.SIBLINGS,
    Trigger.SIBLING_CHANGED: ChangeReason.SIBLINGS,
    Trigger.START_FINAL_CHECK: ChangeReason.INCOME_CHECKED,
    Trigger.REOPEN: ChangeReason.CORRECTION,
    Trigger.CORRECT_INCOME: ChangeReason.INCOME_CORRECTED,
}
# Reasons that hold from a month on: the notice says from which.
FROM_A_MONTH = (ChangeReason.CARE_HOURS, ChangeReason.INCOME_OR_BENEFIT, ChangeReason.SIBLINGS)
# Reasons whose details are the checked years, not the note of the event.
OF_YEARS = (ChangeReason.FINAL_ASSESSMENT, ChangeReason.FINAL_WITHOUT_PROOFS, ChangeReason.INCOME_CHECKED)


def reasons_of(previous: AssessmentRecord | None, final: bool, highest_reason: str | None,
               since_notice: Iterable[CaseEvent]) -> list[tuple[ChangeReason, CaseEvent | None]]:
    """Return every reason in law of a new decision, each with its latest event: the final assessment of a
    provisional fee first, then each change since the notice in the order they came; none for a first decision."""
    if previous is None:
        return []
    changes: dict[ChangeReason, CaseEvent] = {}
    for event in since_notice:
        if event.trigger in TRIGGER_REASONS:
            changes.pop(TRIGGER_REASONS[event.trigger], None)
            changes[TRIGGER_REASONS[event.trigger]] = event
    reasons: list[tuple[ChangeReason, CaseEvent | None]] = []
    if final and previous.kind == "provisional":
        final_reason = ChangeReason.FINAL_WITHOUT_PROOFS if highest_reason == PROOFS_MISSING \
            else ChangeReason.FINAL_ASSESSMENT
        reasons.append((final_reason, None))
        changes = {reason: event for reason, event in changes.items() if reason not in OF_YEARS}
    reasons += list(changes.items())
    return reasons or [(ChangeReason.RECALCULATION, None)]


def change_reason(case: FeeCase, previous: AssessmentRecord | None, final: bool, highest_reason: str | None,
                  since_notice: Iterable[CaseEvent]) -> str | None:
    """Say in words of law why a settled case is decided again; None for its first decision."""
    reasons = reasons_of(previous, final, highest_reason, since_notice)
    if not reasons:
        return None
    return "; ".join(_words(case, previous, reason, event) for reason, event in reasons)


def _words(case: FeeCase, previous: AssessmentRecord, reason: ChangeReason, change: CaseEvent | None) -> str:
    words = REASON_LABELS[reason].format(years=_of_years(case, previous) if reason in OF_YEARS else "")
    if reason in FROM_A_MONTH and case.reassess_from is not None:
        words += f" ab {Month.of(case.reassess_from).label()}"
    note = change.comment if change is not None and reason not in OF_YEARS else None
    return f"{words} ({note})" if note else words


def _of_years(case: FeeCase, previous: AssessmentRecord) -> str:
    """Name the calendar years whose income was checked: the final check's, else those the notice covers."""
    if case.final_check_year is not None:
        return f" {case.final_check_year}"
    years = sorted({int(row["month"][:4]) for row in previous.months})
    if not years:
        return ""
    return " " + (str(years[0]) if len(years) == 1 else f"{', '.join(map(str, years[:-1]))} und {years[-1]}")
