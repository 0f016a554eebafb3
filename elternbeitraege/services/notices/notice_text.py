"""The words of a notice: what the fee rests on, and the reasoning (Begründung), in plain German."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from ...fees import ChildAssessment, MonthlyFee, Statute, format_euro
from ...fees.reasons import BENEFIT
from ...models import Declaration, FeeCase
from ..declarations.answers import (
    benefit_covers_care,
    benefit_period_text,
    counted_amount,
    declares_income,
    highest_chosen,
    receives_benefit,
)
from ..kernel.labels import BENEFIT_LABELS
from ..office.statutes import statute_by_id, statute_for

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
    """Describe in words what the fee rests on: the income bracket, a benefit or the highest fee.

    A benefit for only some months frees those; the others rest on the income, and both are said.
    """
    if highest_reason:
        statute = case_statute(session, case, assessment)
        return f"Höchstbeitrag ({highest_reason}), Einkommensgruppe {len(statute.brackets)}"
    if benefit_covers_care(declaration):
        return f"Bezug von {BENEFIT_LABELS[declaration.benefit]}: beitragsfrei"
    basis = _income_words(session, case, declaration, assessment)
    if receives_benefit(declaration):
        return (f"{basis}; Bezug von {BENEFIT_LABELS[declaration.benefit]} "
                f"{benefit_period_text(declaration)}: in diesen Monaten beitragsfrei")
    return basis


def _income_words(session: Session, case: FeeCase, declaration: Declaration | None,
                  assessment: ChildAssessment) -> str:
    statute = case_statute(session, case, assessment)
    charged = [fee.bracket for fee in assessment.months if not _free_by_benefit(fee)]
    number = charged[0] if charged else len(statute.brackets)
    bracket = statute.brackets[number - 1]
    if not declares_income(declaration):
        why = "Zustimmung zum Höchstbeitrag" if highest_chosen(declaration) else "keine Einkommenserklärung"
        return f"Höchstbeitrag ({why}), Einkommensgruppe {bracket.number}"
    counted = sum((counted_amount(item) for item in declaration.incomes), Decimal("0.00"))
    corrected = any(item.corrected_amount is not None for item in declaration.incomes)
    words = "vom Jugendamt berichtigte" if corrected else "erklärte"
    return (f"Einkommensgruppe {bracket.number}: {statute.bracket_label(bracket)} "
            f"({words} Einkünfte im Jahr {format_euro(counted)}{_lump_sum_note(declaration, statute)})")


def _free_by_benefit(fee: MonthlyFee) -> bool:
    return fee.amount == 0 and BENEFIT in fee.reasons


def _lump_sum_note(declaration: Declaration, statute: Statute) -> str:
    if not any(item.kind == "employment" for item in declaration.incomes):
        return ""
    return f"; Arbeitslohn abzüglich Werbungskosten, mindestens {format_euro(statute.income.employee_lump_sum)}"


def care_sentence(child_name: str, facility_name: str, hours: int | None, start: date, end: date | None,
                  today: date) -> str:
    """Say since when the child is cared for, in the tense of the notice's date: ab, seit, or vom … bis."""
    where = f"in der Einrichtung {facility_name}" + ("" if hours is None else f" mit {hours} Wochenstunden")
    if start > today:
        care = f"Ihr Kind {child_name} wird ab dem {start:%d.%m.%Y} {where} betreut."
    elif end is not None and end < today:
        care = f"Ihr Kind {child_name} wurde vom {start:%d.%m.%Y} bis zum {end:%d.%m.%Y} {where} betreut."
    else:
        care = f"Ihr Kind {child_name} wird seit dem {start:%d.%m.%Y} {where} betreut."
    return f"{care} Für diese Betreuung ist ein monatlicher Elternbeitrag nach der Beitragssatzung zu zahlen."


def confirmation(provisional_on: date) -> str:
    """Say that a final assessment leaves the provisional one as it was, month by month."""
    return (f"Nach Prüfung Ihres Einkommens wird die vorläufige Festsetzung aus unserem Bescheid vom "
            f"{provisional_on:%d.%m.%Y} ohne Änderung endgültig. Dieser Bescheid ersetzt den vorläufigen Bescheid.")


def reasoning(session: Session, case: FeeCase, declaration: Declaration | None, assessment: ChildAssessment,
              final: bool, today: date, highest_reason: str | None = None, change: str | None = None,
              confirms: date | None = None) -> tuple[str, ...]:
    """Return the plain-language reasoning (Begründung) of the notice dated ``today``.

    ``change`` is why an amending notice changes the one in force; ``confirms`` the date of the
    provisional notice a final one confirms unchanged.
    """
    hours = None if case.care_kind == "ogs" else case.weekly_hours
    paragraphs = [care_sentence(case.child.full_name, case.facility.name, hours, case.start_date, case.end_date,
                                today)]
    if confirms is not None:
        paragraphs.append(confirmation(confirms))
    elif change:
        paragraphs.append(f"Dieser Bescheid ändert die bisherige Festsetzung. Grund der Änderung: {change}.")
    if highest_reason:
        paragraphs.append(f"Es gilt der Beitrag der höchsten Einkommensgruppe, weil {HIGHEST_BECAUSE[highest_reason]}.")
    elif benefit_covers_care(declaration):
        paragraphs.append("Sie haben den Bezug einer Sozialleistung angegeben. Für die Monate des Bezugs wird "
                          "kein Beitrag erhoben (§ 90 Abs. 4 SGB VIII).")
    else:
        if receives_benefit(declaration):
            paragraphs.append(f"Sie haben den Bezug von {BENEFIT_LABELS[declaration.benefit]} "
                              f"{benefit_period_text(declaration)} angegeben. Für diese Monate wird kein Beitrag "
                              "erhoben (§ 90 Abs. 4 SGB VIII); für die übrigen Monate richtet sich der Beitrag "
                              "nach dem Einkommen.")
        paragraphs.append(_income_paragraph(session, case, declaration, assessment))
    if any("§ 50" in reason for fee in assessment.months for reason in fee.reasons):
        paragraphs.append("In den beitragsfreien Jahren vor der Einschulung wird kein Beitrag erhoben (§ 50 KiBiz).")
    paragraphs.append("Die Festsetzung ist endgültig." if final else
                      "Die Festsetzung erfolgt vorläufig auf Grund Ihrer Selbsteinschätzung, vorbehaltlich der "
                      "Prüfung des Einkommens. Nach Prüfung der Nachweise kann der Beitrag rückwirkend neu "
                      "festgesetzt werden; zu viel Gezahltes wird erstattet, zu wenig Gezahltes nachgefordert.")
    return tuple(paragraphs)


def _income_paragraph(session: Session, case: FeeCase, declaration: Declaration | None,
                      assessment: ChildAssessment) -> str:
    if not declares_income(declaration):
        return ("Da kein Einkommen erklärt wurde oder Sie dem Höchstbeitrag zugestimmt haben, gilt "
                "der Beitrag der höchsten Einkommensgruppe.")
    lump_sum = format_euro(case_statute(session, case, assessment).income.employee_lump_sum)
    return ("Maßgeblich ist das Einkommen Ihres Haushalts im jeweiligen Kalenderjahr: die Summe der "
            "positiven Einkünfte beider Elternteile. Vom Arbeitslohn werden die Werbungskosten "
            f"abgezogen, mindestens der Pauschbetrag von {lump_sum} je Elternteil.")
