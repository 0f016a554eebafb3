"""The clerk's review: ask for proofs with a deadline, or approve, which issues the notice and tells the facility."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..fees import ChildAssessment, Statute, format_euro
from ..models import AssessmentRecord, Declaration, FeeCase, User
from . import letters
from .actor import SYSTEM, Actor
from .cases import advance, case_for
from .declarations import declaration_of, estimate, is_complete, proofs_of, receives_benefit
from .errors import Conflict, InvalidInput
from .labels import BENEFIT_LABELS
from .statutes import statute_by_id, statute_for

log = logging.getLogger(__name__)


def _case_at_version(session: Session, actor: Actor, case_id: int, version: int) -> FeeCase:
    case = case_for(session, actor, case_id)
    if case.version != version:
        raise Conflict("Der Fall wurde inzwischen von jemand anderem bearbeitet.")
    return case


def request_documents(session: Session, actor: Actor, case_id: int, version: int, deadline: date,
                      message: str, today: date) -> FeeCase:
    """Ask the parents for proofs by a deadline; the case waits for them."""
    case = _case_at_version(session, actor, case_id, version)
    if deadline <= today:
        raise InvalidInput({"deadline": "Die Frist muss nach dem heutigen Tag liegen."})
    with one_writer(session):
        case.documents_due = deadline
        case.documents_message = message
        advance(session, case, "request_documents", actor, comment=message, deadline=deadline, today=today)
    log.info("case %s: proofs requested by user %s until %s", case.id, actor.user_id, deadline)
    return case


def approve(session: Session, actor: Actor, case_id: int, version: int, final: bool, comment: str,
            today: date) -> FeeCase:
    """Set the fee, store the notice once, and notify the facility — all in one transaction."""
    case = _case_at_version(session, actor, case_id, version)
    with one_writer(session):
        declaration = declaration_of(session, case)  # the case is already scoped to the clerk
        complete = declaration is not None and is_complete(declaration, len(proofs_of(session, case.id)))
        advance(session, case, "approve", actor, comment=comment or None, declaration_complete=complete)
        assessment = _assessment(session, case, declaration)
        record = _record(session, case, declaration, assessment, final, actor)
        clerk = session.get(User, actor.user_id)
        content = letters.fee_notice(
            session, case, record, assessment, _mandate(declaration), clerk.display_name if clerk else "",
            reasoning(session, case, declaration, assessment, final), today,
        )
        letters.store(session, case, "fee_notice", content, f"Beitragsbescheid-{case.file_number}.pdf", record.id)
        advance(session, case, "issue_notice", SYSTEM)
        advance(session, case, "notify_facility", SYSTEM)
    log.info("case %s approved (%s) by user %s", case.id, record.kind, actor.user_id)
    return case


@contextmanager
def one_writer(session: Session) -> Iterator[None]:
    """Commit the work of the block, or roll it back and report a case changed by someone else meanwhile."""
    try:
        yield
        session.commit()
    except StaleDataError as error:
        session.rollback()
        raise Conflict("Der Fall wurde inzwischen von jemand anderem bearbeitet.") from error
    except Exception:
        session.rollback()
        raise


def _assessment(session: Session, case: FeeCase, declaration: Declaration | None) -> ChildAssessment:
    try:
        return estimate(session, case, declaration)
    except InvalidInput as error:
        raise Conflict(f"Der Beitrag kann nicht berechnet werden: {error.errors['estimate']}") from error


def _record(session: Session, case: FeeCase, declaration: Declaration, assessment: ChildAssessment, final: bool,
            actor: Actor) -> AssessmentRecord:
    record = AssessmentRecord(
        case_id=case.id, kind="final" if final else "provisional",
        statute_id=case_statute(session, case, assessment).id,
        income_basis=income_basis(session, case, declaration, assessment), total=assessment.total,
        created_by_id=actor.user_id,
        months=[{"month": str(fee.month), "amount": str(fee.amount), "bracket": fee.bracket,
                 "age_group": fee.age_group, "hours_tier": fee.hours_tier, "reasons": list(fee.reasons),
                 "statute_id": fee.statute_id}
                for fee in assessment.months],
    )
    session.add(record)
    session.flush()
    return record


def case_statute(session: Session, case: FeeCase, assessment: ChildAssessment) -> Statute:
    """Return the statute of the case's first month: the one the assessment used, else the one in force."""
    statute = statute_by_id(session, assessment.months[0].statute_id) if assessment.months else None
    return statute or statute_for(session, case.office, case.care_kind, case.start_date)


def income_basis(session: Session, case: FeeCase, declaration: Declaration | None,
                 assessment: ChildAssessment) -> str:
    """Describe in words what the fee rests on: the income bracket, a benefit or the highest fee."""
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
              final: bool) -> tuple[str, ...]:
    """Return the plain-language reasoning (Begründung) of the notice."""
    hours = "" if case.weekly_hours is None or case.care_kind == "ogs" else f" mit {case.weekly_hours} Wochenstunden"
    paragraphs = [
        f"Ihr Kind {case.child.full_name} wird seit dem {case.start_date:%d.%m.%Y} in der Einrichtung "
        f"{case.facility.name}{hours} betreut. Für diese Betreuung ist ein monatlicher Elternbeitrag nach der "
        "Beitragssatzung zu zahlen.",
    ]
    if receives_benefit(declaration):
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


def _mandate(declaration: Declaration | None) -> tuple[str | None, str | None]:
    if declaration is None or not declaration.mandate_agreed_at:
        return None, None
    return declaration.mandate_reference, declaration.iban
