"""Every guard of the machine: what lets a trigger through and what stops it."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from workflows import allowed

TODAY = date(2025, 9, 15)


@pytest.mark.parametrize(("complete", "expected"), [(True, True), (False, False), (None, False)])
def test_a_declaration_is_submitted_only_when_complete(complete, expected):
    data = {} if complete is None else {"declaration_complete": complete}
    assert allowed("invited", "submit", "parent", **data) is expected


@pytest.mark.parametrize(("due", "expected"), [
    (date(2025, 9, 14), True), (date(2025, 9, 15), False), (date(2025, 9, 16), False), (None, False)])
def test_the_parents_are_reminded_only_after_the_day_of_the_deadline(due, expected):
    assert allowed("invited", "remind", "system", declaration_due=due, today=TODAY) is expected


@pytest.mark.parametrize(("trigger", "state", "fact"), [
    ("expire_declaration", "reminded", "reminder_due"), ("expire_documents", "documents_requested", "documents_due")])
@pytest.mark.parametrize(("due", "expected"), [(date(2025, 9, 14), True), (date(2025, 9, 15), False), (None, False)])
def test_the_highest_fee_follows_only_an_expired_deadline(trigger, state, fact, due, expected):
    assert allowed(state, trigger, "system", **{fact: due}, today=TODAY) is expected


@pytest.mark.parametrize(("deadline", "expected"), [
    (date(2025, 9, 16), True), (date(2025, 9, 15), False), (date(2025, 9, 1), False), (None, False)])
def test_proofs_are_requested_only_with_a_deadline_after_today(deadline, expected):
    assert allowed("in_review", "request_documents", "clerk", deadline=deadline, deadline_max_months=3,
                   today=TODAY) is expected


@pytest.mark.parametrize(("deadline", "span", "expected"), [
    (date(2025, 12, 15), 3, True), (date(2025, 12, 16), 3, False), (date(2030, 1, 1), 3, False),
    (date(2025, 10, 15), 1, True), (date(2025, 10, 16), 1, False), (date(2025, 12, 16), None, False)])
def test_a_deadline_lies_no_further_ahead_than_the_offices_span(deadline, span, expected):
    for trigger, state in (("request_documents", "in_review"), ("start_final_check", "facility_notified")):
        assert allowed(state, trigger, "clerk", deadline=deadline, deadline_max_months=span, today=TODAY,
                       assessment_kind="provisional", income_year=2024, final_check_after_months=3) is expected


@pytest.mark.parametrize(("year", "today", "wait", "expected"), [
    (2027, date(2026, 12, 3), 0, False),   # the year has not even begun
    (2026, date(2026, 12, 31), 0, False),  # its last day: not over yet
    (2026, date(2027, 1, 1), 0, True),
    (2026, date(2027, 3, 31), 3, False),   # over, but the tax assessment may not exist yet
    (2026, date(2027, 4, 1), 3, True),
    (None, date(2027, 4, 1), 3, False), (2026, date(2027, 4, 1), None, False)])
def test_the_final_check_is_only_for_an_income_year_over_as_long_as_the_office_waits(year, today, wait, expected):
    assert allowed("facility_notified", "start_final_check", "clerk", assessment_kind="provisional",
                   income_year=year, final_check_after_months=wait, today=today,
                   deadline=today + timedelta(days=28), deadline_max_months=3) is expected


@pytest.mark.parametrize(("final", "proofs", "highest", "office_wants_proofs", "expected"), [
    (False, 0, False, False, True),   # provisional on the self-assessment
    (False, 0, False, True, False),   # the office wants proofs even before a provisional assessment
    (False, 1, False, True, True),
    (True, 0, False, False, False),   # final only on proofs
    (True, 2, False, False, True),
    (True, 0, True, False, True),     # the accepted highest fee needs no proofs
])
def test_an_assessment_needs_the_proofs_its_kind_and_the_office_require(final, proofs, highest, office_wants_proofs,
                                                                       expected):
    assert allowed("in_review", "approve", "clerk", declaration_complete=True, final=final, proof_count=proofs,
                   highest_accepted=highest, proofs_before_provisional=office_wants_proofs) is expected


@pytest.mark.parametrize(("change_from", "end", "expected"), [
    (date(2025, 10, 1), None, True), (date(2025, 8, 1), None, True), (date(2025, 10, 2), None, False),
    (date(2025, 7, 1), None, False), (date(2026, 8, 1), date(2026, 7, 31), False), (None, None, False)])
def test_a_change_applies_from_the_first_of_a_month_within_care(change_from, end, expected):
    data = {"start": date(2025, 8, 1), "end": end, "change_from": change_from}
    assert allowed("facility_notified", "report_care_change", "facility", **data) is expected
    assert allowed("facility_notified", "report_income_change", "parent", **data) is expected


@pytest.mark.parametrize(("departure", "expected"), [
    (date(2025, 8, 1), True), (date(2026, 1, 31), True), (date(2025, 7, 31), False), (None, False)])
def test_a_departure_lies_on_or_after_the_start_of_care(departure, expected):
    assert allowed("facility_notified", "report_departure", "facility", start=date(2025, 8, 1),
                   departure=departure) is expected


@pytest.mark.parametrize(("kind", "expected"), [("provisional", True), ("final", False), (None, False)])
def test_only_a_provisional_case_goes_to_the_final_check(kind, expected):
    assert allowed("facility_notified", "start_final_check", "system", assessment_kind=kind, income_year=2024,
                   final_check_after_months=3, deadline=date(2025, 10, 15), deadline_max_months=3,
                   today=TODAY) is expected


@pytest.mark.parametrize(("start", "expected"), [(date(2025, 9, 16), True), (date(2025, 9, 15), False)])
def test_a_case_is_withdrawn_only_before_care_starts(start, expected):
    assert allowed("invited", "withdraw", "facility", start=start, today=TODAY) is expected


@pytest.mark.parametrize(("end", "expected"), [
    (date(2025, 8, 31), True), (date(2025, 9, 10), False), (date(2025, 9, 30), False), (None, False)])
def test_a_case_closes_only_after_its_last_month(end, expected):
    assert allowed("facility_notified", "close", "system", end=end, today=TODAY) is expected


@pytest.mark.parametrize(("comment", "expected"), [("Einkommen falsch erfasst", True), ("  ", False), (None, False)])
def test_a_closed_case_is_reopened_only_with_a_reason(comment, expected):
    assert allowed("closed", "reopen", "clerk", comment=comment) is expected
