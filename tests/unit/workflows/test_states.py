"""States and triggers are enums: every state and trigger the definition names is one of their members,
and every member is used and labelled in German."""
from __future__ import annotations

from workflows import ACTION_LABELS, STATE_LABELS, STATES, TRANSITIONS, TRIGGER_LABELS, CaseState, Trigger
from workflows.definition import destination, sources_of, triggers


def test_every_state_of_a_transition_is_a_case_state():
    for spec in TRANSITIONS:
        for source in sources_of(spec):
            assert type(source) is CaseState
            assert type(destination(spec, source)) is CaseState


def test_every_trigger_of_a_transition_is_a_trigger():
    assert all(type(spec["trigger"]) is Trigger for spec in TRANSITIONS)
    opening = {Trigger.REPORT, Trigger.IMPORT}  # they open a case outside the machine
    assert set(triggers()) == set(Trigger) - opening


def test_the_states_are_the_members_of_the_enum_in_their_order():
    assert STATES == tuple(CaseState)
    assert STATES[0] is CaseState.REPORTED


def test_every_state_and_trigger_has_a_german_label_and_every_action_is_a_trigger():
    assert set(STATE_LABELS) == set(CaseState)
    assert set(TRIGGER_LABELS) == set(Trigger)
    assert set(ACTION_LABELS) <= set(Trigger)


def test_a_member_is_its_stored_text_so_columns_and_urls_keep_plain_strings():
    assert CaseState.IN_REVIEW == "in_review" and f"{CaseState.IN_REVIEW}" == "in_review"
    assert {"in_review": 1}[CaseState.IN_REVIEW] == 1
    assert CaseState("facility_notified") is CaseState.FACILITY_NOTIFIED
