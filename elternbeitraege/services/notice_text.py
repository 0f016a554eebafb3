"""The words of a notice: what the fee rests on, and the reasoning (Begründung), in plain German."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from ..fees import ChildAssessment, Statute, format_euro
from ..models import Declaration, FeeCase
from .declarations import receives_benefit
from .labels import BENEFIT_LABELS
from .statutes import statute_by_id, statute_for

DECLARATION_MISSING = "Einkommenserklärung nicht fristgerecht eingegangen"
PROOFS_MISSING = "Nachweise nicht fristgerecht vorgelegt"
HIGHEST_BECAUSE = {
    DECLARATION_MISSING: "die Einkommenserklärung trotz Erinnerung nicht fristgerecht eingegangen ist",
    PROOFS_MISSING: "die angeforderten Einkommensnachweise nicht fristgerecht vorgelegt wurden",
}


def case_statute(session: Session, case: FeeCase, assessment: ChildAssessment) -> Statute:
    """Return the statute of the case's first month: the one the assessment used, else the one in force."""
    statute = statute_by_id(session, assessment.months[0].statute_id) if assessment.months else None
    return statute or statute_for(session, case.office, case.care_kind, case.start_date)


def income_basis(session: Session, case: FeeCase, declaration: Declaration | None,
                 assessment: ChildAssessment, highest_reason: str | None = None) -> str:
    """Describe in words what the fee rests on: the income bracket, a benefit or the highest fee."""
    if highest_reason:
        statute = case_statute(session, case, assessment)
        return f"Höchstbeitrag ({highest_reason}), Einkommensgruppe {len(statute.brackets)}"
    if receives_benefit(declaration):
        return f"Bezug von {BENEFIT_LABELS[declaration.benefit]}: beitragsfrei"
    statute = case_statute(session, case, assessment)
    number = assessment.months[0].bracket if assessment.months else len(statute.brackets)
    bracket = statute.brackets[number - 1]
    if not _declared(declaration):
        why = "Zustimmung zum Höchstbeitrag" if _accepted_highest(declaration) else "keine Einkommenserklärung"
        return f"Höchstbeitrag ({why}), Einkommensgruppe {bracket.number}"
    declared = sum((item.amount for item in declaration.incomes), Decimal("0.00"))
    return (f"Einkommensgruppe {bracket.number}: {statute.bracket_label(bracket)} "
            f"(erklärte Einkünfte im Jahr {format_euro(declared)}{_lump_sum_note(declaration, statute)})")


def _declared(declaration: Declaration | None) -> bool:
    return (declaration is not None and declaration.benefit == "none" and declaration.income_choice == "declare"
            and declaration.incomes_done)


def _accepted_highest(declaration: Declaration | None) -> bool:
    return declaration is not None and declaration.benefit == "none" and declaration.income_choice == "highest"


def _lump_sum_note(declaration: Declaration, statute: Statute) -> str:
    if not any(item.kind == "employment" for item in declaration.incomes):
        return ""
    return f"; Arbeitslohn abzüglich Werbungskosten, mindestens {format_euro(statute.income.employee_lump_sum)}"


def reasoning(session: Session, case: FeeCase, declaration: Declaration | None, assessment: ChildAssessment,
              final: bool, highest_reason: str | None = None, change: str | None = None) -> tuple[str, ...]:
    """Return the plain-language reasoning (Begründung) of the notice."""
    hours = "" if case.weekly_hours is None or case.care_kind == "ogs" else f" mit {case.weekly_hours} Wochenstunden"
    paragraphs = [
        f"Ihr Kind {case.child.full_name} wird seit dem {case.start_date:%d.%m.%Y} in der Einrichtung "
        f"{case.facility.name}{hours} betreut. Für diese Betreuung ist ein monatlicher Elternbeitrag nach der "
        "Beitragssatzung zu zahlen.",
    ]
    if change:
        paragraphs.append(f"Dieser Bescheid ändert die bisherige Festsetzung: {change}.")
    if highest_reason:
        paragraphs.append(f"Es gilt der Beitrag der höchsten Einkommensgruppe, weil {HIGHEST_BECAUSE[highest_reason]}.")
    elif receives_benefit(declaration):
        paragraphs.append("Sie haben den Bezug einer Sozialleistung angegeben. Für die Monate des Bezugs wird "
                          "kein Beitrag erhoben (§ 90 Abs. 4 SGB VIII).")
    elif not _declared(declaration):
        paragraphs.append("Da kein Einkommen erklärt wurde oder Sie dem Höchstbeitrag zugestimmt haben, gilt "
                          "der Beitrag der höchsten Einkommensgruppe.")
    else:
        lump_sum = format_euro(case_statute(session, case, assessment).income.employee_lump_sum)
        paragraphs.append("Maßgeblich ist das Einkommen Ihres Haushalts im jeweiligen Kalenderjahr: die Summe der "
                          "positiven Einkünfte beider Elternteile. Vom Arbeitslohn werden die Werbungskosten "
                          f"abgezogen, mindestens der Pauschbetrag von {lump_sum} je Elternteil.")
    if any("§ 50" in reason for fee in assessment.months for reason in fee.reasons):
        paragraphs.append("In den beitragsfreien Jahren vor der Einschulung wird kein Beitrag erhoben (§ 50 KiBiz).")
    paragraphs.append("Die Festsetzung ist endgültig." if final else
                      "Die Festsetzung erfolgt vorläufig auf Grund Ihrer Selbsteinschätzung, vorbehaltlich der "
                      "Prüfung des Einkommens. Nach Prüfung der Nachweise kann der Beitrag rückwirkend neu "
                      "festgesetzt werden; zu viel Gezahltes wird erstattet, zu wenig Gezahltes nachgefordert.")
    return tuple(paragraphs)
