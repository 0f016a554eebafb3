"""What the administrator sees of the workflow: the picture, every transition in German, the Mermaid text.

The picture is the definition's DOT text drawn by Graphviz (``dot -Tsvg``) once per process; without
Graphviz the page shows the table and the Mermaid text only.
"""
from __future__ import annotations

import functools
import logging
import re
import subprocess
from dataclasses import dataclass

from sqlalchemy.orm import Session

from workflows import STATE_LABELS, TRANSITIONS, TRIGGER_LABELS
from workflows.definition import sources_of
from workflows.diagram import dot, mermaid

from ..kernel.actor import Actor
from ..kernel.labels import ROLE_LABELS
from ..office.settings import WorkflowSettings, workflow_settings

log = logging.getLogger(__name__)

DOT_COMMAND = "dot"
DOT_TIMEOUT_SECONDS = 10
PICTURE_LABEL = "Ablaufdiagramm der Beitragsfälle: Status als Kästen, Auslöser als beschriftete Pfeile"
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
    """The administrator's workflow page: picture, transitions, Mermaid text and the office's settings."""

    picture: str | None  # inline SVG, None without Graphviz
    picture_label: str
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


def picture() -> str | None:
    """Return the workflow as inline SVG, drawn once per process, or None when Graphviz is missing or fails."""
    return _svg(DOT_COMMAND, dot())


@functools.cache
def _svg(command: str, source: str) -> str | None:
    try:
        result = subprocess.run([command, "-Tsvg"], input=source.encode("utf-8"), capture_output=True,
                                timeout=DOT_TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        log.warning("workflow picture not drawn: %s", error)
        return None
    if result.returncode != 0:
        log.warning("workflow picture not drawn: %s exited with %s: %s", command, result.returncode,
                    result.stderr.decode("utf-8", "replace")[:500])
        return None
    return inline_svg(result.stdout.decode("utf-8"), PICTURE_LABEL)


def inline_svg(svg: str, label: str) -> str | None:
    """Return Graphviz's SVG ready to sit in a page: no prolog, doctype or comments; an image with a name."""
    start = svg.find("<svg")
    if start < 0 or re.search(r"\sstyle\s*=|<script|<style|\son\w+\s*=", svg, re.IGNORECASE):
        log.warning("workflow picture refused: not a plain SVG (scripts or inline styles break the CSP)")
        return None
    body = re.sub(r"<!--.*?-->\s*", "", svg[start:], flags=re.DOTALL).strip()
    escaped = label.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return body.replace("<svg", f'<svg role="img" aria-label="{escaped}" focusable="false"', 1)


def workflow_view(session: Session, actor: Actor) -> WorkflowView:
    """Return the picture, the transitions and the Mermaid text with the administrator's own office settings."""
    settings = workflow_settings(session, actor)
    return WorkflowView(picture(), PICTURE_LABEL, transition_rows(), mermaid(), settings)
