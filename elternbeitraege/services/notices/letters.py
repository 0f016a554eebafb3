"""Turn cases into the plain document contexts of `pdf/`, and store rendered documents once."""
from __future__ import annotations

import hashlib
from datetime import date

from sqlalchemy.orm import Session

import pdf
from pdf.context import (
    AmendingNotice,
    DifferenceMonth,
    FeeMonth,
    FeeNotice,
    InvitationLetter,
    Letter,
    Office,
    ProofRequest,
    Reminder,
)

from ...fees import ChildAssessment, MonthlyFee, Statute, recalculate
from ...fees.reasons import BENEFIT, FEE_FREE
from ...models import AssessmentRecord, Benefit, Declaration, Document, FeeCase, YouthOffice
from ..kernel.labels import AGE_GROUP_LABELS, BENEFIT_LABELS, CARE_KIND_LABELS, german_day, mask_iban
from ..office.statutes import statute_by_id

# The reasons of a month free whatever the household earns: a benefit, the fee-free years.
FREE_REASONS = (BENEFIT, FEE_FREE)


def office_context(office: YouthOffice, contact_person: str | None = None) -> Office:
    """Return the letterhead of a youth office; the contact is the office's own unless a clerk's is given."""
    return Office(
        name=office.name, street=office.street, postcode_city=office.postcode_city, phone=office.phone,
        email=office.email, website=office.website, contact_person=contact_person or office.contact_person,
        court_name=office.court_name, court_address=office.court_address, dpo_contact=office.dpo_contact,
        bank_name=office.bank_name, iban=office.iban, bic=office.bic, creditor_id=office.creditor_id,
        logo=office.logo,
    )


def letter_head(case: FeeCase, today: date, contact_person: str | None = None,
                names: tuple[str, ...] | None = None) -> Letter:
    """Return the head every letter of a case shares: office, address block, date, file number.

    ``names`` are the addressees; without them, the parents the facility reported.
    """
    household = case.household
    names = names or household.parent_names
    return Letter(
        office=office_context(case.office, contact_person),
        recipient_lines=(*names, household.street, f"{household.postcode} {household.city}"),
        date=today,
        file_number=case.file_number,
        salutation=f"Guten Tag {' und '.join(names)},",
    )


def liable_parents(case: FeeCase, declaration: Declaration | None) -> tuple[str, ...]:
    """Return the parents liable to pay, as the declaration states the household the child lives in.

    A child living with one parent makes that parent alone liable; living with both, both are, as
    the declaration names the other one. Without an answer yet, the parents the facility reported.
    """
    reported = case.household.parent_names
    if declaration is None or declaration.lives_with is None:
        return reported
    if declaration.lives_with == "one":
        return reported[:1]
    other = f"{declaration.other_parent_first_name or ''} {declaration.other_parent_last_name or ''}".strip()
    return (reported[0], other) if other else reported


def invitation(case: FeeCase, code: str, public_url: str, today: date) -> bytes:
    """Render the invitation letter with the personal access code and its QR code."""
    return pdf.render_invitation(invitation_letter(case, code, public_url, today))


def invitation_letter(case: FeeCase, code: str, public_url: str, today: date) -> InvitationLetter:
    """Return the invitation letter with the personal access code, ready to render (alone or in a pool)."""
    return InvitationLetter(
        letter=letter_head(case, today),
        child_name=case.child.full_name, child_birth_date=case.child.birth_date,
        facility_name=case.facility.name, care_start=case.start_date, access_code=code,
        # After "#": browsers never send it, so the code stays out of server and proxy logs.
        declaration_url=f"{public_url}/erklaerung/zugang#code={code}",
        code_entry_url=f"{public_url}/erklaerung/zugang",
        reply_by=case.declaration_due,
    )


def fee_notice(session: Session, case: FeeCase, record: AssessmentRecord, assessment: ChildAssessment,
               declaration: Declaration | None, contact_person: str, reasoning: tuple[str, ...],
               today: date) -> FeeNotice:
    """Return the fee notice for an assessment record, addressed to the liable parents, ready to render."""
    statute = statute_by_id(session, record.statute_id)
    if statute is None:
        raise LookupError(f"statute {record.statute_id} of assessment {record.id} is unknown")
    statutes = {statute.id: statute}
    months = tuple(
        FeeMonth(month=fee.month.first_day, amount=fee.amount, bracket=income_bracket(fee),
                 age_group_label=_age_group_label(session, statutes, fee), hours=fee.hours_tier,
                 reasons=month_reasons(fee, declaration))
        for fee in assessment.months
    )
    adopted = statute.adopted or statute.valid_from  # a statute without its adoption date is named by its start
    mandate = mandate_of(declaration)
    return FeeNotice(
        letter=letter_head(case, today, contact_person, liable_parents(case, declaration)),
        cash_reference=case.cash_reference,
        provisional=record.kind == "provisional", child_name=case.child.full_name,
        child_birth_date=case.child.birth_date, facility_name=case.facility.name,
        care_kind_label=CARE_KIND_LABELS[case.care_kind],
        weekly_hours=None if case.care_kind == "ogs" else case.weekly_hours,
        income_basis=record.income_basis, statute_title=statute.title,
        statute_date=adopted.strftime("%d.%m.%Y"), months=months, total=assessment.total,
        mandate_reference=mandate[0], iban_masked=mask_iban(mandate[1]) if mandate[1] else None,
        reasoning=reasoning, statute_id=statute.id,
    )


def income_bracket(fee: MonthlyFee) -> int | None:
    """Return the income bracket a month's fee rests on; none for a month free whatever the income."""
    return None if fee.amount == 0 and any(reason in FREE_REASONS for reason in fee.reasons) else fee.bracket


def month_reasons(fee: MonthlyFee, declaration: Declaration | None) -> tuple[str, ...]:
    """Return a month's reasons as the notice prints them: a benefit month names the benefit declared."""
    benefit = declaration.benefit if declaration is not None else None
    if benefit not in BENEFIT_LABELS or benefit == Benefit.NONE:
        return fee.reasons
    named = f"beitragsfrei nach § 90 Abs. 4 SGB VIII: Bezug von {BENEFIT_LABELS[benefit]}"
    return tuple(named if reason == BENEFIT else reason for reason in fee.reasons)


def amending_context(notice: FeeNotice, replaced: Document, change: str, old: list[MonthlyFee],
                     new: ChildAssessment) -> AmendingNotice:
    """Return the amending notice: the new assessment, and month by month what changes against the old one."""
    recalculation = recalculate(ChildAssessment(new.id, tuple(old)), new)
    return AmendingNotice(
        notice=notice, replaces_date=issued_on(replaced),
        replaces_file_name=f"Bescheid vom {issued_on(replaced):%d.%m.%Y}", change_reason=change,
        differences=tuple(DifferenceMonth(month=row.month.first_day, old=row.old, new=row.new)
                          for row in recalculation.months),
        old_total=recalculation.old_total, new_total=recalculation.new_total, balance=recalculation.balance,
    )


def issued_on(document: Document) -> date:
    """Return the date a stored document bears."""
    return document.dated or german_day(document.created_at)


def mandate_of(declaration: Declaration | None) -> tuple[str | None, str | None]:
    """Return the SEPA mandate reference and IBAN of a declaration, if the parents gave one."""
    if declaration is None or not declaration.mandate_agreed_at:
        return None, None
    return declaration.mandate_reference, declaration.iban


def reminder(case: FeeCase, public_url: str, today: date) -> bytes:
    """Render the reminder that the declaration has not arrived, with the new deadline."""
    return pdf.render_reminder(Reminder(
        letter=letter_head(case, today), child_name=case.child.full_name,
        facility_name=case.facility.name, care_start=case.start_date, original_due=case.declaration_due,
        reply_by=case.reminder_due, code_entry_url=f"{public_url}/erklaerung/zugang",
    ))


def proof_request(case: FeeCase, public_url: str, contact_person: str | None, today: date) -> bytes:
    """Render the request for proofs with its deadline."""
    return pdf.render_proof_request(ProofRequest(
        letter=letter_head(case, today, contact_person), child_name=case.child.full_name,
        message=case.documents_message or "", deadline=case.documents_due, portal_url=f"{public_url}/eltern/",
        final_check_year=case.final_check_year,
    ))


def _age_group_label(session: Session, statutes: dict[str, Statute | None], fee: MonthlyFee) -> str:
    """Return the age group of a month in the words of the statute that month was assessed under."""
    if fee.age_group is None:
        return "–"
    if fee.statute_id not in statutes:
        statutes[fee.statute_id] = statute_by_id(session, fee.statute_id)
    statute = statutes[fee.statute_id]
    group = next((group for group in statute.age_groups if group.id == fee.age_group), None) if statute else None
    return group.label if group else AGE_GROUP_LABELS.get(fee.age_group, fee.age_group)


def sha256(content: bytes) -> str:
    """Return the SHA-256 of a document's bytes, as stored beside them."""
    return hashlib.sha256(content).hexdigest()


def store(session: Session, case: FeeCase, kind: str, content: bytes, filename: str, dated: date,
          assessment_id: int | None = None) -> Document:
    """Keep a rendered document with its SHA-256 and the date it bears; it is never rendered again."""
    document = Document(case_id=case.id, kind=kind, content=content, filename=filename, dated=dated,
                        sha256=sha256(content), assessment_id=assessment_id)
    session.add(document)
    return document
