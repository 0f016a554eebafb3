"""The fee-case workflow: the state machine as data, its guards, and the shared machine."""
from .definition import ACTION_LABELS, STATE_LABELS, STATES, TRANSITIONS, TRIGGER_LABELS
from .machine import TransitionRefused, allowed, fire, offered
from .states import CaseState, Trigger

__all__ = ["ACTION_LABELS", "STATES", "STATE_LABELS", "TRANSITIONS", "TRIGGER_LABELS", "CaseState",
           "TransitionRefused", "Trigger", "allowed", "fire", "offered"]
