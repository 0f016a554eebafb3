"""The fee-case state machine: every trigger from every state, for every role, allowed or refused — one table."""
from __future__ import annotations

from datetime import date

import pytest

from workflows import STATES, TransitionRefused, allowed, fire
from workflows.definition import triggers

ROLES = ("parent", "clerk", "facility", "admin", "system")
TODAY = date(2025, 9, 15)
# Facts under which every guard says yes: the table is about states and roles; the guards have their own tests.
GUARD_DATA = {
    "today": TODAY, "declaration_complete": True, "deadline": date(2025, 10, 15), "deadline_max_months": 3,
    "income_year": 2024, "final_check_after_months": 3,
    "declaration_due": date(2025, 9, 1), "reminder_due": date(2025, 9, 1), "documents_due": date(2025, 9, 1),
    "final": False, "proof_count": 1, "start": date(2025, 10, 1), "end": date(2025, 8, 31),
    "change_from": date(2025, 10, 1), "departure": date(2025, 10, 1), "assessment_kind": "provisional",
    "comment": "Korrektur des Einkommens",
}
# care_not_started and care_ended need a start after today and an end before it: both hold with the dates above;
# change_within_care needs change_from within start..end, so the change rows get their own dates below.
CHANGE_DATA = GUARD_DATA | {"start": date(2025, 8, 1), "end": None, "change_from": date(2025, 10, 1),
                            "departure": date(2025, 10, 31)}
CHANGES = {"report_care_change", "report_departure", "report_income_change"}

OPEN = ("invited", "reminded", "submitted", "in_review", "documents_requested", "change_reported")
BEFORE_NOTICE = ("reported", "invited", "reminded", "submitted", "in_review", "documents_requested")
DECLARING = ("invited", "reminded", "documents_requested", "change_reported")

EXPECTED: dict[tuple[str, str], tuple[str, set[str]]] = {  # (trigger, state) → (destination, roles)
    ("invite", "reported"): ("invited", {"system"}),
    ("remind", "invited"): ("reminded", {"system"}),
    **{("submit", state): ("submitted", {"parent"}) for state in DECLARING},
    **{("accept_highest", state): ("submitted", {"parent"}) for state in DECLARING},
    ("start_review", "submitted"): ("in_review", {"clerk"}),
    ("request_documents", "in_review"): ("documents_requested", {"clerk"}),
    ("approve", "in_review"): ("approved", {"clerk"}),
    ("expire_declaration", "reminded"): ("approved", {"system"}),
    ("expire_documents", "documents_requested"): ("approved", {"system"}),
    ("issue_notice", "approved"): ("notice_issued", {"system"}),
    ("notify_facility", "notice_issued"): ("facility_notified", {"system"}),
    ("report_care_change", "facility_notified"): ("in_review", {"facility", "clerk"}),
    **{("report_care_change", state): (state, {"facility", "clerk"}) for state in OPEN},
    ("report_departure", "facility_notified"): ("in_review", {"facility", "clerk"}),
    **{("report_departure", state): (state, {"facility", "clerk"}) for state in OPEN},
    ("report_income_change", "facility_notified"): ("change_reported", {"parent"}),
    ("link_sibling", "facility_notified"): ("in_review", {"clerk"}),
    **{("link_sibling", state): (state, {"clerk"}) for state in OPEN},
    ("sibling_changed", "facility_notified"): ("in_review", {"system"}),
    ("start_final_check", "facility_notified"): ("documents_requested", {"system", "clerk"}),
    **{("withdraw", state): ("withdrawn", {"facility", "clerk"}) for state in BEFORE_NOTICE},
    ("close", "facility_notified"): ("closed", {"system"}),
    ("reopen", "closed"): ("in_review", {"clerk"}),
    ("correct_income", "in_review"): ("in_review", {"clerk"}),
}


def test_the_table_names_only_triggers_and_states_of_the_machine():
    assert {trigger for trigger, _state in EXPECTED} == set(triggers())
    assert {state for _trigger, state in EXPECTED} <= set(STATES)
    assert {destination for destination, _roles in EXPECTED.values()} <= set(STATES)


@pytest.mark.parametrize("trigger", triggers())
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_each_trigger_moves_only_from_its_states_and_only_for_its_roles(trigger, state, role):
    data = CHANGE_DATA if trigger in CHANGES else GUARD_DATA
    destination, roles = EXPECTED.get((trigger, state), (None, set()))
    if destination and role in roles:
        assert allowed(state, trigger, role, **data)
        assert fire(state, trigger, role, **data) == destination
    else:
        assert not allowed(state, trigger, role, **data)
        with pytest.raises(TransitionRefused):
            fire(state, trigger, role, **data)


def test_there_are_no_shortcuts_to_a_state():
    from workflows.machine import MACHINE, StatusModel
    state = StatusModel("reported")
    MACHINE.add_model(state, initial="reported")
    try:
        assert not any(hasattr(state, f"to_{name}") for name in STATES)
    finally:
        MACHINE.remove_model(state)


def test_closed_and_withdrawn_cases_take_no_trigger_but_reopening():
    for role in ROLES:
        assert [t for t in triggers() if allowed("withdrawn", t, role, **GUARD_DATA)] == []
        assert [t for t in triggers() if allowed("closed", t, role, **GUARD_DATA)] == (
            ["reopen"] if role == "clerk" else [])
