"""Every path a fee case takes, end to end through the services, with the history each one leaves."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import delete, select, update

from elternbeitraege import db
from elternbeitraege.models import CarePeriod, Proof, YouthOffice
from elternbeitraege.services.assessment import review
from elternbeitraege.services.cases import changes
from elternbeitraege.services.declarations import answers as declarations
from elternbeitraege.services.kernel.errors import Conflict
from tests.helpers import commit, pdf_text
from tests.integration.story import Story
from tests.web.steps import upload_proof

TODAY = date(2025, 7, 1)
SETTLED = ["approve", "issue_notice", "notify_facility"]


@pytest.fixture
def story(app, demo, login) -> Story:
    return Story(app, login)


def settled_case(story: Story, final: bool = False, **admission) -> int:
    """Return a case the clerk has assessed (provisionally unless ``final``) on the self-assessment."""
    case_id = story.report(**admission)
    story.declare_and_submit(case_id)
    story.on(case_id, review.start_review)
    story.on(case_id, review.approve, final, "")
    assert story.status(case_id) == "facility_notified"
    return case_id


def amounts(record) -> dict[str, Decimal]:
    return {row["month"]: Decimal(row["amount"]) for row in record.months}


def test_proofs_asked_for_come_back_to_the_clerk_once_the_parents_upload_them(story):
    case_id = story.report()
    story.declare_and_submit(case_id)
    story.on(case_id, review.start_review)
    story.on(case_id, review.request_documents, date(2025, 7, 31), "Bitte die Dezember-Lohnabrechnung.")
    assert story.status(case_id) == "documents_requested"
    letter = pdf_text(story.documents(case_id, "proof_request")[0].content)
    assert "Dezember-Lohnabrechnung" in letter and "31.07.2025" in letter
    parent = story.parent(case_id)
    assert upload_proof(parent, case_id, name="dezember.pdf").status_code == 302
    assert parent.post(f"/eltern/faelle/{case_id}/erklaerung/pruefen").status_code == 302
    assert story.triggers(case_id)[-3:] == ["start_review", "request_documents", "submit"]
    assert story.status(case_id) == "submitted"


def test_proofs_not_sent_by_the_deadline_set_the_highest_fee_with_its_own_notice(story):
    case_id = story.report()
    story.declare_and_submit(case_id)
    story.on(case_id, review.start_review)
    story.on(case_id, review.request_documents, date(2025, 7, 31), "Lohnabrechnung")
    assert story.run_due(date(2025, 7, 31))["document_expiries"] == 0  # the deadline day itself still counts
    assert story.run_due(date(2025, 8, 1))["document_expiries"] == 1
    assert story.status(case_id) == "facility_notified"
    record, = story.records(case_id)
    assert record.kind == "final" and record.income_basis.startswith("Höchstbeitrag (Nachweise nicht fristgerecht")
    assert min(amounts(record).values()) > Decimal("223.00")  # the declared income's bracket would cost 223 €
    notice = pdf_text(story.documents(case_id, "fee_notice")[0].content)
    assert "Einkommensnachweise nicht fristgerecht vorgelegt" in notice
    assert story.triggers(case_id)[-3:] == ["expire_documents", "issue_notice", "notify_facility"]


def test_an_invitation_left_unanswered_is_reminded_and_then_assessed_at_the_highest_fee(story):
    case_id = story.report()
    due = story.case(case_id).declaration_due
    assert story.run_due(due)["reminders"] == 0
    assert story.run_due(date.fromordinal(due.toordinal() + 1))["reminders"] == 2  # ours and the demo family's
    case = story.case(case_id)
    assert case.status == "reminded" and case.due_on == case.reminder_due
    reminder = pdf_text(story.documents(case_id, "reminder")[0].content)
    assert case.reminder_due.strftime("%d.%m.%Y") in reminder and "Höchstbeitrag" in reminder
    story.run_due(date.fromordinal(case.reminder_due.toordinal() + 1))
    assert story.status(case_id) == "facility_notified"
    assert story.records(case_id)[0].income_basis.startswith("Höchstbeitrag (Einkommenserklärung nicht fristgerecht")
    assert story.triggers(case_id) == ["report", "invite", "remind", "expire_declaration", "issue_notice",
                                       "notify_facility"]


def test_parents_who_accept_the_highest_fee_are_assessed_finally_without_proofs(story):
    case_id = story.report()
    story.parent(case_id)
    story.act(declarations.accept_highest, case_id, actor=story.parent_actor(case_id))
    assert story.status(case_id) == "submitted"
    story.on(case_id, review.start_review)
    story.on(case_id, review.approve, True, "")
    record, = story.records(case_id)
    assert record.kind == "final" and record.income_basis.startswith("Höchstbeitrag (Zustimmung zum Höchstbeitrag)")


@pytest.mark.parametrize(("office_wants_proofs", "assessed"), [(False, True), (True, False)])
def test_the_office_decides_whether_a_provisional_assessment_needs_proofs(story, app, office_wants_proofs, assessed):
    case_id = story.report()
    story.declare_and_submit(case_id)
    with app.app_context():
        session = db.session()
        session.execute(delete(Proof).where(Proof.case_id == case_id))
        session.execute(update(YouthOffice).values(proofs_before_provisional=office_wants_proofs))
        commit(session)
    story.on(case_id, review.start_review)
    if assessed:
        story.on(case_id, review.approve, False, "")
    else:
        with pytest.raises(Conflict):
            story.on(case_id, review.approve, False, "")
    assert story.status(case_id) == ("facility_notified" if assessed else "in_review")


def test_the_yearly_final_check_ends_in_an_amending_notice_with_the_refund(story):
    case_id = settled_case(story)
    assert story.run_due(date(2026, 3, 31))["final_checks"] == 0  # the office's month is April
    assert story.run_due(date(2026, 4, 1))["final_checks"] == 1
    case = story.case(case_id)
    assert (case.status, case.final_check_year) == ("documents_requested", 2025)
    assert "Einkommen im Jahr 2025" in pdf_text(story.documents(case_id, "proof_request")[0].content)
    parent = story.parent(case_id)
    assert parent.post(f"/eltern/faelle/{case_id}/erklaerung/einkommen/1", data={"employment": "30.000,00"}
                       ).status_code == 302
    assert upload_proof(parent, case_id, name="steuerbescheid-2025.pdf").status_code == 302
    assert parent.post(f"/eltern/faelle/{case_id}/erklaerung/pruefen").status_code == 302
    story.on(case_id, review.start_review, today=date(2026, 4, 20))
    story.on(case_id, review.approve, True, "Steuerbescheid 2025 geprüft", today=date(2026, 4, 20))
    first, final = story.records(case_id)
    assert (first.kind, final.kind, final.replaces_id) == ("provisional", "final", first.id)
    assert all(amounts(final)[month] < amounts(first)[month] for month in amounts(first) if amounts(first)[month])
    amending, = story.documents(case_id, "amending_notice")
    text = pdf_text(amending.content)
    refund = sum(amounts(first).values()) - sum(amounts(final).values())
    assert "Erstattung" in text and f"{refund:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") in text
    assert "Bescheid vom 01.07.2025" in text
    assert story.case(case_id).assessment_kind == "final"
    assert story.run_due(date(2027, 4, 1))["final_checks"] == 0  # final now: never selected again


def test_a_change_of_hours_is_assessed_from_its_month_and_the_months_before_keep_their_amounts(story):
    case_id = settled_case(story)
    story.on(case_id, changes.report_care_change, date(2025, 10, 1), 45, actor=story.facility_actor())
    assert story.status(case_id) == "in_review"
    story.on(case_id, review.approve, False, "")
    before, after = (amounts(record) for record in story.records(case_id))
    assert [after[month] == before[month] for month in ("2025-08", "2025-09")] == [True, True]
    assert all(after[month] > before[month] for month in before if month >= "2025-10" and before[month])
    text = pdf_text(story.documents(case_id, "amending_notice")[0].content)
    assert "Nachforderung" in text and "Grund der Änderung Änderung der Betreuungszeit ab Oktober 2025" in text
    with story.app.app_context():
        periods = db.session().scalars(select(CarePeriod.weekly_hours).where(CarePeriod.case_id == case_id)
                                       .order_by(CarePeriod.valid_from)).all()
    assert periods == [35, 45]


def test_a_departure_drops_the_months_after_it_and_the_case_closes_after_its_last_month(story):
    case_id = settled_case(story)
    story.on(case_id, changes.report_departure, date(2025, 12, 31), actor=story.facility_actor())
    story.on(case_id, review.approve, False, "")
    before, after = (amounts(record) for record in story.records(case_id))
    assert max(after) == "2025-12" and len(before) == 12
    assert "Erstattung" in pdf_text(story.documents(case_id, "amending_notice")[0].content)
    assert story.run_due(date(2025, 12, 31))["closings"] == 0
    assert story.run_due(date(2026, 1, 1))["closings"] == 1
    assert story.status(case_id) == "closed"


def test_an_income_change_reopens_the_declaration_and_ends_in_an_amending_notice(story):
    case_id = settled_case(story)
    parent_actor = story.parent_actor(case_id)
    story.on(case_id, changes.report_income_change, date(2026, 1, 1), "Einkommen", actor=parent_actor)
    assert story.status(case_id) == "change_reported"
    parent = story.parent(case_id)
    assert parent.post(f"/eltern/faelle/{case_id}/erklaerung/einkommen/1", data={"employment": "80.000,00"}
                       ).status_code == 302
    assert parent.post(f"/eltern/faelle/{case_id}/erklaerung/pruefen").status_code == 302
    story.on(case_id, review.start_review)
    story.on(case_id, review.approve, False, "")
    before, after = (amounts(record) for record in story.records(case_id))
    assert all(after[month] == before[month] for month in before if month < "2026-01")
    assert any(after[month] > before[month] for month in before if month >= "2026-01")


def test_linking_a_sibling_applies_the_sibling_rule_and_puts_the_settled_sibling_back_into_review(story):
    older = settled_case(story, child_first_name="Max", **{"birth_date-year": "2022", "birth_date-month": "5"})
    younger = settled_case(story)
    older_before = amounts(story.records(older)[0])
    story.on(younger, changes.link_sibling, story.case(older).file_number)
    assert story.status(younger) == "in_review"
    story.on(younger, review.approve, False, "")
    assert story.status(older) == "in_review"  # its fee changes now that a sibling pays the higher one
    assert story.triggers(older)[-1] == "sibling_changed"
    story.on(older, review.approve, False, "")
    older_after = amounts(story.records(older)[-1])
    assert sum(older_after.values()) < sum(older_before.values())
    assert "Geschwisterkind" in " ".join(reason for row in story.records(older)[-1].months for reason in row["reasons"])
    assert story.case(older).household_id == story.case(younger).household_id


def test_a_case_is_withdrawn_before_care_starts_but_not_after(story):
    case_id = story.report()
    with pytest.raises(Conflict):
        story.on(case_id, changes.withdraw, "Kind kommt nicht", actor=story.facility_actor(), today=date(2025, 8, 1))
    story.on(case_id, changes.withdraw, "Familie zieht weg", actor=story.facility_actor())
    case = story.case(case_id)
    assert (case.status, case.access_code_hash) == ("withdrawn", None)
    story.run_due(date(2026, 9, 1))
    assert story.triggers(case_id)[-1] == "withdraw"  # nothing is ever due for it


def test_a_closed_case_is_reopened_for_a_correction_and_amended(story):
    case_id = settled_case(story)
    story.on(case_id, changes.report_departure, date(2025, 9, 30), actor=story.facility_actor())
    story.on(case_id, review.approve, False, "")
    story.run_due(date(2025, 10, 1))
    assert story.status(case_id) == "closed"
    with pytest.raises(Conflict):
        story.on(case_id, changes.reopen, "   ")
    story.on(case_id, changes.reopen, "Abmeldedatum war falsch")
    assert story.status(case_id) == "in_review"
    story.on(case_id, review.approve, False, "")
    assert len(story.documents(case_id, "amending_notice")) == 2
    assert story.triggers(case_id)[-4:] == ["reopen", "approve", "issue_notice", "notify_facility"]
