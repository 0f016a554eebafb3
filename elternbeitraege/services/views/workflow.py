"""What the administrator sees of the workflow: every transition in German, the Mermaid text, the settings.

The picture is drawn in the web layer (``admin/workflow_picture.py``) from the definition's DOT text.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from workflows import STATE_LABELS, TRANSITIONS, TRIGGER_LABELS
from workflows.definition import sources_of
from workflows.diagram import mermaid

from ..kernel.actor import Actor
from ..kernel.labels import ROLE_LABELS
from ..office.settings import WorkflowSettings, workflow_settings

STAYS = "bleibt im selben Status"

# The guards in words; a guard added to the definition later shows its code name until it gets one here.
CONDITION_LABELS = {
    "declaration_complete": "Erklärung vollständig",
    "declaration_overdue": "Frist der Einladung verstrichen",
    "reminder_expired": "Frist der Erinnerung verstrichen",
    "documents_expired": "Frist für die Nachweise verstrichen",
    "deadline_in_future": "Frist liegt nach dem heutigen Tag",
    "deadline_within_span": "Frist liegt nicht weiter voraus, als Ihr Jugendamt erlaubt",
    "income_year_over": "Einkommensjahr ist vorbei, so lange wie eingestellt (Steuerbescheid kann vorliegen)",
    "proofs_sufficient": "Nachweise liegen vor, wo sie verlangt werden (endgültig immer, vorläufig je nach "
                         "Einstellung)",
    "change_within_care": "Änderung ab einem Monatsersten innerhalb der Betreuung",
    "departure_after_start": "Abmeldung am oder nach dem Betreuungsbeginn",
    "provisional": "Beitrag nur vorläufig festgesetzt",
    "care_not_started": "Betreuung hat noch nicht begonnen",
    "care_ended": "Betreuung ist beendet",
    "reason_given": "Begründung angegeben",
    "not_finally_assessed": "Beitrag noch nicht endgültig festgesetzt",
}


@dataclass(frozen=True)
class TransitionRow:
    """One transition of the definition in German: from which states, by what, to where, who, when."""

    sources: tuple[str, ...]
    trigger: str
    trigger_label: str
    dest: str  # a German state name, or STAYS
    roles: tuple[str, ...]
    conditions: tuple[str, ...]


@dataclass(frozen=True)
class WorkflowView:
    """The administrator's workflow page: transitions, Mermaid text and the office's settings."""

    rows: list[TransitionRow]
    mermaid: str
    settings: WorkflowSettings


def transition_rows() -> list[TransitionRow]:
    """Return every transition of the definition in German words, in its order."""
    return [
        TransitionRow(
            sources=tuple(STATE_LABELS.get(source, source) for source in sources_of(spec)),
            trigger=spec["trigger"],
            trigger_label=TRIGGER_LABELS.get(spec["trigger"], spec["trigger"]),
            dest=STAYS if spec["dest"] == "=" else STATE_LABELS.get(spec["dest"], spec["dest"]),
            roles=tuple(ROLE_LABELS.get(role, role) for role in spec["roles"]),
            conditions=tuple(CONDITION_LABELS.get(name, name) for name in spec.get("conditions", ())),
        )
        for spec in TRANSITIONS
    ]


def workflow_view(session: Session, actor: Actor) -> WorkflowView:
    """Return the transitions and the Mermaid text with the administrator's own office settings."""
    return WorkflowView(transition_rows(), mermaid(), workflow_settings(session, actor))
