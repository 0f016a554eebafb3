"""Issuing a decided case's notice: the words and context from the stored assessment, the PDF kept once, the moves.

A decision records the assessment and leaves the case ``approved``; its notice is then *due*.
``prepare`` turns the stored assessment into the plain context of the notice (fee or amending),
``keep`` stores the rendered bytes once, with their SHA-256, and moves the case on to
``notice_issued`` and ``facility_notified``. Between the two the PDF is rendered — in the same
request for a clerk's approval, or in a batch's worker processes for thousands at once.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pdf.context import AmendingNotice, FacilityChild, FacilityNotice, FeeNotice, Letter
from workflows import Trigger

from ...fees import ChildAssessment, MonthlyFee, recalculate
from ...models import AssessmentRecord, Declaration, Document, Facility, FeeCase, User
from ..assessment.fee_input import record_assessment, record_months
from ..cases.moves import move, next_due
from ..declarations.answers import declaration_of
from ..kernel.actor import SYSTEM
from ..kernel.labels import CARE_KIND_LABELS
from ..mail import parents as parent_mail
from . import letters
from .change_reasons import REASON_LABELS, ChangeReason
from .notice_text import reasoning

UNREAD = object()  # prepare reads the declaration unless the caller gives the one it has
NOTICE_KINDS = ("fee_notice", "amending_notice")


@dataclass(frozen=True)
class DueNotice:
    """A decided case's notice, ready to render: which case and assessment, what it replaces, its context."""

    case_id: int
    assessment_id: int
    kind: str  # fee_notice (the first one, or a final one confirming the provisional) or amending_notice
    replaces_id: int | None  # the notice in force it replaces
    context: FeeNotice | AmendingNotice


def last_notice(session: Session, case: FeeCase) -> Document | None:
    """Return the notice in force: the latest fee or amending notice of the case."""
    return session.scalars(select(Document).where(Document.case_id == case.id, Document.kind.in_(NOTICE_KINDS))
                           .order_by(Document.id.desc())).first()


def prepare(session: Session, case: FeeCase, record: AssessmentRecord, today: date,
            declaration: Declaration | None | object = UNREAD) -> DueNotice:
    """Return the notice an assessment record calls for: a first fee notice, an amending one, or a final one.

    A final assessment that leaves every month of the provisional one as it was amends nothing: it is
    a final fee notice that confirms the provisional notice it replaces. A declaration the caller has read
    already (the case file of a decision) is not read again.
    """
    declaration = declaration_of(session, case) if declaration is UNREAD else cast(Declaration | None, declaration)
    assessment = record_assessment(record)
    replaced = last_notice(session, case)
    previous = session.get(AssessmentRecord, record.replaces_id) if record.replaces_id else None
    if previous is None or replaced is None:
        words = reasoning(session, case, declaration, assessment, record.kind == "final", today,
                          record.highest_reason)
        return DueNotice(case.id, record.id, "fee_notice", None, _notice(session, case, record, declaration, words,
                                                                         today))
    old = record_months(previous)
    if confirms(previous, record, old, assessment):
        provisional_on = letters.issued_on(replaced)
        words = reasoning(session, case, declaration, assessment, True, today, record.highest_reason,
                          confirms=provisional_on)
        notice = replace(_notice(session, case, record, declaration, words, today), confirms_date=provisional_on)
        return DueNotice(case.id, record.id, "fee_notice", replaced.id, notice)
    words = reasoning(session, case, declaration, assessment, record.kind == "final", today, record.highest_reason,
                      record.reason)
    notice = _notice(session, case, record, declaration, words, today)
    context = letters.amending_context(notice, replaced, record.reason or REASON_LABELS[ChangeReason.RECALCULATION],
                                       old, ChildAssessment(assessment.id, assessment.months))
    return DueNotice(case.id, record.id, "amending_notice", replaced.id, context)


def confirms(previous: AssessmentRecord, record: AssessmentRecord, old: list[MonthlyFee],
             new: ChildAssessment) -> bool:
    """Tell whether a final assessment confirms the provisional one: the same fee in every month."""
    if previous.kind != "provisional" or record.kind != "final":
        return False
    return all(row.old == row.new for row in recalculate(ChildAssessment(new.id, tuple(old)), new).months)


def _notice(session: Session, case: FeeCase, record: AssessmentRecord, declaration: Declaration | None,
            words: tuple[str, ...], today: date) -> FeeNotice:
    return letters.fee_notice(session, case, record, record_assessment(record), declaration,
                              _contact(session, record), words, today)


def _contact(session: Session, record: AssessmentRecord) -> str | None:
    """Return the clerk who decided, as the letter's contact; the office's own contact for the system's decisions."""
    clerk = session.get(User, record.created_by_id) if record.created_by_id else None
    return clerk.display_name if clerk is not None and clerk.role == "clerk" else None


def keep(session: Session, case: FeeCase, due: DueNotice, content: bytes, today: date,
         batch_id: int | None = None, public_url: str = "") -> Document:
    """Store the rendered notice once and move the case on: issued, then the facility told; the household is told
    by e-mail that a notice is in the portal (a link to ``public_url``, never the notice). The caller commits."""
    document = letters.store(session, case, due.kind, content, _filename(session, case, due), today,
                             due.assessment_id)
    document.replaces_id = due.replaces_id
    document.batch_id = batch_id
    move(session, case, Trigger.ISSUE_NOTICE, SYSTEM, today)
    move(session, case, Trigger.NOTIFY_FACILITY, SYSTEM, today)
    case.due_on = next_due(case)
    parent_mail.notice_issued(session, case, public_url)
    return document


def _filename(session: Session, case: FeeCase, due: DueNotice) -> str:
    if due.kind == "fee_notice":
        final = due.replaces_id is not None  # a final notice confirming the provisional one
        return f"{'Endgueltiger-' if final else ''}Beitragsbescheid-{case.file_number}.pdf"
    number = session.scalar(select(func.count()).select_from(Document).where(
        Document.case_id == case.id, Document.kind == "amending_notice")) + 1
    return f"Aenderungsbescheid-{number}-{case.file_number}.pdf"


def facility_letter(facility: Facility, cases: list[FeeCase], today: date, reference: str) -> FacilityNotice:
    """Return the facility's notification that these children's fee cases are settled; never amounts or income.

    It bears the date of the notices it tells of, and ``reference`` is its file number: the case's for
    one child, the batch's for a batch; the date stands beside it in the letter, not in it.
    """
    letter = Letter(office=letters.office_context(facility.office),
                    recipient_lines=(facility.name, facility.street, facility.postcode_city), date=today,
                    file_number=reference, salutation="Guten Tag,")
    children = tuple(
        FacilityChild(case.child.full_name, case.child.birth_date, case.file_number, CARE_KIND_LABELS[case.care_kind],
                      None if case.care_kind == "ogs" else case.weekly_hours, case.start_date,
                      f"Beitragsbescheid erteilt am {today:%d.%m.%Y}")
        for case in sorted(cases, key=lambda case: (case.child.last_name, case.child.first_name, case.id)))
    return FacilityNotice(letter=letter, facility_name=facility.name, children=children)


def keep_facility_letter(session: Session, facility: Facility, content: bytes, today: date,
                         batch_id: int | None = None) -> Document:
    """Store the facility's notification, addressed to the facility rather than to a case."""
    document = Document(facility_id=facility.id, kind="facility_notice", content=content, dated=today,
                        filename=f"Mitteilung-{facility.id}-{today:%Y-%m-%d}.pdf", batch_id=batch_id,
                        sha256=letters.sha256(content))
    session.add(document)
    return document
