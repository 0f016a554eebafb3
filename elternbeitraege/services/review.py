"""The clerk's review: ask for proofs with a deadline, or approve, which issues the notice and tells the facility."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..fees import Assessment, Income, format_euro, load_statute
from ..models import AssessmentRecord, Declaration, FeeCase, User
from . import letters
from .actor import SYSTEM, Actor
from .cases import advance, case_for
from .declarations import declaration_of, estimate, household_income, is_complete, proofs_of
from .errors import Conflict, InvalidInput
from .labels import BENEFIT_LABELS

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
        assessment = estimate(case, declaration)
        record = _record(session, case, declaration, assessment, final, actor)
        clerk = session.get(User, actor.user_id)
        content = letters.fee_notice(
            case, record, assessment, _mandate(declaration), clerk.display_name if clerk else "",
            reasoning(case, declaration, assessment, final), today,
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


def _record(session: Session, case: FeeCase, declaration: Declaration, assessment: Assessment, final: bool,
            actor: Actor) -> AssessmentRecord:
    record = AssessmentRecord(
        case_id=case.id, kind="final" if final else "provisional", statute_id=assessment.statute_id,
        income_basis=income_basis(case, declaration), total=assessment.total, created_by_id=actor.user_id,
        months=[{"month": str(fee.month), "amount": str(fee.amount), "bracket": fee.bracket,
                 "age_group": fee.age_group, "hours_tier": fee.hours_tier, "reasons": list(fee.reasons)}
                for fee in assessment.months],
    )
    session.add(record)
    session.flush()
    return record


def income_basis(case: FeeCase, declaration: Declaration | None) -> str:
    """Describe in words what the fee rests on: the income bracket, a benefit or the highest fee."""
    income = household_income(declaration)
    statute = load_statute(case.office.statute_id)
    bracket = statute.bracket_for(income.annual)
    if income.benefit:
        return f"Bezug von {BENEFIT_LABELS[declaration.benefit]}: beitragsfrei"
    if income.annual is None:
        why = "Zustimmung zum Höchstbeitrag" if income.accepted_highest else "keine Einkommenserklärung"
        return f"Höchstbeitrag ({why}), Einkommensgruppe {bracket.number}"
    return (f"Einkommensgruppe {bracket.number}: {statute.bracket_label(bracket)} "
            f"(erklärtes Jahreseinkommen {format_euro(income.annual)})")


def reasoning(case: FeeCase, declaration: Declaration | None, assessment: Assessment, final: bool) -> tuple[str, ...]:
    """Return the plain-language reasoning (Begründung) of the notice."""
    income: Income = household_income(declaration)
    paragraphs = [
        f"Ihr Kind {case.child.full_name} wird seit dem {case.start_date:%d.%m.%Y} in der Einrichtung "
        f"{case.facility.name} mit {case.weekly_hours} Wochenstunden betreut. Für diese Betreuung ist ein "
        "monatlicher Elternbeitrag nach der Beitragssatzung zu zahlen.",
    ]
    if income.benefit:
        paragraphs.append("Sie haben den Bezug einer Sozialleistung angegeben. Für die Monate des Bezugs wird "
                          "kein Beitrag erhoben (§ 90 Abs. 4 SGB VIII).")
    elif income.annual is None:
        paragraphs.append("Da kein Einkommen erklärt wurde oder Sie dem Höchstbeitrag zugestimmt haben, gilt "
                          "der Beitrag der höchsten Einkommensgruppe.")
    else:
        paragraphs.append(f"Maßgeblich ist das Jahreseinkommen Ihres Haushalts von {format_euro(income.annual)}. "
                          "Es ist die Summe der positiven Einkünfte beider Elternteile.")
    if any(fee.amount == 0 and "§ 50" in fee.reasons[0] for fee in assessment.months):
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
