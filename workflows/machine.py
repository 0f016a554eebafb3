"""One shared `transitions` machine for all fee cases; the status lives in the case's own column."""
from __future__ import annotations

from typing import Any

from transitions import Machine, MachineError

from . import guards
from .definition import STATES, TRANSITIONS, roles_for, triggers


class TransitionRefused(Exception):
    """The trigger is not allowed from the case's state, for this role, or a guard said no."""


class CaseState:
    """The state-carrying model the machine drives; the service copies ``status`` back to the case."""

    def __init__(self, status: str) -> None:
        self.status = status


def _transitions_for_machine() -> list[dict[str, Any]]:
    specs = []
    for spec in TRANSITIONS:
        entry = {key: value for key, value in spec.items() if key != "roles"}
        entry["conditions"] = [getattr(guards, name) for name in spec.get("conditions", [])]
        specs.append(entry)
    return specs


MACHINE = Machine(
    model=None,
    states=list(STATES),
    transitions=_transitions_for_machine(),
    initial=STATES[0],
    auto_transitions=False,
    model_attribute="status",
    send_event=True,
)


def fire(status: str, trigger: str, role: str, **data: Any) -> str:
    """Fire a trigger on a case in ``status`` as ``role``; return the new status or refuse."""
    if role not in roles_for(trigger):
        raise TransitionRefused(f"{role} may not {trigger}")
    state = CaseState(status)
    MACHINE.add_model(state, initial=status)
    try:
        if not state.trigger(trigger, **data):
            raise TransitionRefused(f"{trigger} refused by a guard in {status}")
    except MachineError as error:
        raise TransitionRefused(str(error)) from error
    finally:
        MACHINE.remove_model(state)
    return state.status


def allowed(status: str, trigger: str, role: str, **data: Any) -> bool:
    """Tell whether a trigger may fire now (``may_<trigger>()``), so the interface offers only what works."""
    if role not in roles_for(trigger):
        return False
    state = CaseState(status)
    MACHINE.add_model(state, initial=status)
    try:
        return bool(getattr(state, f"may_{trigger}")(**data))
    finally:
        MACHINE.remove_model(state)


def offered(status: str, role: str, **data: Any) -> tuple[str, ...]:
    """Return the triggers the role may fire now, in the order of the definition."""
    return tuple(trigger for trigger in triggers() if allowed(status, trigger, role, **data))
