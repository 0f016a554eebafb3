"""One shared `transitions` machine for all fee cases; the status lives in the case's own column."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from transitions import Machine, MachineError

from . import guards
from .definition import STATES, TRANSITIONS, roles_for, triggers
from .states import CaseState, Trigger


class TransitionRefused(Exception):
    """The trigger is not allowed from the case's state, for this role, or a guard said no."""


class StatusModel:
    """The state-carrying model the machine drives; the service copies ``status`` back to the case.

    The machine is given plain strings only: ``transitions`` would name an enum member by its name.
    """

    trigger: Callable[..., bool]  # added by the machine while the model is attached

    def __init__(self, status: str) -> None:
        self.status = status


def _plain(value: Any) -> Any:
    """Return a state or trigger (or a list of states) as the plain strings the machine is given."""
    return [str(item) for item in value] if isinstance(value, list) else str(value)


def _transitions_for_machine() -> list[dict[str, Any]]:
    specs = []
    for spec in TRANSITIONS:
        entry = {key: _plain(spec[key]) for key in ("trigger", "source", "dest")}
        entry["conditions"] = [getattr(guards, name) for name in spec.get("conditions", [])]
        specs.append(entry)
    return specs


MACHINE = Machine(
    model=None,
    states=[str(state) for state in STATES],
    transitions=_transitions_for_machine(),
    initial=str(STATES[0]),
    auto_transitions=False,
    model_attribute="status",
    send_event=True,
)


def fire(status: str, trigger: str, role: str, **data: Any) -> CaseState:
    """Fire a trigger on a case in ``status`` as ``role``; return the new status or refuse."""
    if role not in roles_for(trigger):
        raise TransitionRefused(f"{role} may not {trigger}")
    state = StatusModel(str(status))
    MACHINE.add_model(state, initial=str(status))
    try:
        if not state.trigger(str(trigger), **data):
            raise TransitionRefused(f"{trigger} refused by a guard in {status}")
    except MachineError as error:
        raise TransitionRefused(str(error)) from error
    finally:
        MACHINE.remove_model(state)
    return CaseState(state.status)


def allowed(status: str, trigger: str, role: str, **data: Any) -> bool:
    """Tell whether a trigger may fire now (``may_<trigger>()``), so the interface offers only what works."""
    if role not in roles_for(trigger):
        return False
    state = StatusModel(str(status))
    MACHINE.add_model(state, initial=str(status))
    try:
        return bool(getattr(state, f"may_{trigger}")(**data))
    finally:
        MACHINE.remove_model(state)


def offered(status: str, role: str, **data: Any) -> tuple[Trigger, ...]:
    """Return the triggers the role may fire now, in the order of the definition."""
    return tuple(trigger for trigger in triggers() if allowed(status, trigger, role, **data))
