"""The fee-case state machine: every trigger from every state, for every role, allowed or refused."""
from __future__ import annotations

from datetime import date

import pytest

from workflows import STATES, TRANSITIONS, TransitionRefused, allowed, fire

ROLES = ("parent", "clerk", "facility", "admin", "system")
GUARD_DATA = {"declaration_complete": True, "deadline": date(2030, 1, 1), "today": date(2025, 1, 1)}
TRIGGERS = sorted({spec["trigger"] for spec in TRANSITIONS})
EXPECTED = {  # (trigger, state) → (destination, roles that may fire it)
    ("invite", "reported"): ("invited", {"system"}),
    ("submit", "invited"): ("submitted", {"parent"}),
    ("submit", "documents_requested"): ("submitted", {"parent"}),
    ("request_documents", "submitted"): ("documents_requested", {"clerk"}),
    ("approve", "submitted"): ("approved", {"clerk"}),
    ("issue_notice", "approved"): ("notice_issued", {"system"}),
    ("notify_facility", "notice_issued"): ("facility_notified", {"system"}),
}


@pytest.mark.parametrize("trigger", TRIGGERS)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_each_trigger_moves_only_from_its_states_and_only_for_its_roles(trigger, state, role):
    destination, roles = EXPECTED.get((trigger, state), (None, set()))
    if destination and role in roles:
        assert allowed(state, trigger, role, **GUARD_DATA)
        assert fire(state, trigger, role, **GUARD_DATA) == destination
    else:
        assert not allowed(state, trigger, role, **GUARD_DATA)
        with pytest.raises(TransitionRefused):
            fire(state, trigger, role, **GUARD_DATA)


def test_an_incomplete_declaration_can_be_neither_submitted_nor_approved():
    assert not allowed("invited", "submit", "parent", declaration_complete=False)
    assert not allowed("submitted", "approve", "clerk", declaration_complete=False)


@pytest.mark.parametrize("deadline", [None, date(2025, 1, 1), date(2024, 12, 31)])
def test_proofs_are_requested_only_with_a_deadline_after_today(deadline):
    with pytest.raises(TransitionRefused):
        fire("submitted", "request_documents", "clerk", deadline=deadline, today=date(2025, 1, 1))


def test_there_are_no_shortcuts_to_a_state():
    from workflows.machine import MACHINE, CaseState
    state = CaseState("reported")
    MACHINE.add_model(state, initial="reported")
    try:
        assert not hasattr(state, "to_facility_notified")
    finally:
        MACHINE.remove_model(state)
