"""The office's variants of the workflow: deadlines, proofs before a provisional assessment, the final-check month.

An administrator reads and changes the settings of the own office only; the system (command line,
demo data) names the office it changes.
"""
from __future__ import annotations

import logging
from dataclasses import asdict, dataclass

from sqlalchemy.orm import Session

from ..models import YouthOffice
from .actor import Actor
from .errors import InvalidInput, NotFound

log = logging.getLogger(__name__)

MIN_DAYS, MAX_DAYS = 7, 90
MONTH_NAMES = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
               "November", "Dezember")
DEADLINES = ("declaration_days", "reminder_days", "documents_days")
# The message for a setting that cannot be used; the form shows the same one for text that is no number.
MESSAGES = {
    "declaration_days": f"Geben Sie die Frist für die Einkommenserklärung in ganzen Tagen an, zwischen {MIN_DAYS} "
                        f"und {MAX_DAYS}, zum Beispiel 28.",
    "reminder_days": f"Geben Sie die Frist nach der Erinnerung in ganzen Tagen an, zwischen {MIN_DAYS} und "
                     f"{MAX_DAYS}, zum Beispiel 14.",
    "documents_days": f"Geben Sie die Frist für Nachweise in ganzen Tagen an, zwischen {MIN_DAYS} und {MAX_DAYS}, "
                      "zum Beispiel 28.",
    "proofs_before_provisional": "Wählen Sie aus, ob Nachweise schon vor einer vorläufigen Festsetzung verlangt "
                                 "werden.",
    "final_check_month": "Wählen Sie den Monat aus, ab dem die vorläufigen Fälle des Vorjahres endgültig geprüft "
                         "werden.",
}


@dataclass(frozen=True)
class WorkflowSettings:
    """How an office runs the workflow; the columns of the same name on ``YouthOffice``."""

    declaration_days: int
    reminder_days: int
    documents_days: int
    proofs_before_provisional: bool
    final_check_month: int

    @property
    def final_check_month_name(self) -> str:
        """Return the German name of the final-check month."""
        return MONTH_NAMES[self.final_check_month - 1]


def office_of(session: Session, actor: Actor, office_id: int | None) -> YouthOffice:
    """Return the administrator's own office (another id is NotFound), or the office the system names."""
    if actor.role == "admin" and office_id in (None, actor.office_id):
        office_id = actor.office_id
    elif actor.role != "system":
        raise NotFound("office")
    office = session.get(YouthOffice, office_id) if office_id is not None else None
    if office is None:
        raise NotFound("office")
    return office


def settings_of(office: YouthOffice) -> WorkflowSettings:
    """Return an office's workflow settings."""
    return WorkflowSettings(office.declaration_days, office.reminder_days, office.documents_days,
                            office.proofs_before_provisional, office.final_check_month)


def workflow_settings(session: Session, actor: Actor, office_id: int | None = None) -> WorkflowSettings:
    """Return the workflow settings of the administrator's own office."""
    return settings_of(office_of(session, actor, office_id))


def problems(settings: WorkflowSettings) -> dict[str, str]:
    """Return a German message for each setting out of its range."""
    wrong = [name for name in DEADLINES if not _whole_between(getattr(settings, name), MIN_DAYS, MAX_DAYS)]
    if not isinstance(settings.proofs_before_provisional, bool):
        wrong.append("proofs_before_provisional")
    if not _whole_between(settings.final_check_month, 1, len(MONTH_NAMES)):
        wrong.append("final_check_month")
    return {name: MESSAGES[name] for name in wrong}


def _whole_between(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def change_workflow_settings(session: Session, actor: Actor, settings: WorkflowSettings,
                             office_id: int | None = None) -> WorkflowSettings:
    """Check and keep the workflow settings of the administrator's own office; refuse bad values in German."""
    office = office_of(session, actor, office_id)
    errors = problems(settings)
    if errors:
        raise InvalidInput(errors)
    before = settings_of(office)
    for name, value in asdict(settings).items():
        setattr(office, name, value)
    session.commit()
    changed = {name: value for name, value in asdict(settings).items() if getattr(before, name) != value}
    log.info("workflow settings of office %s changed by user %s: %s", office.id, actor.user_id, changed or "nothing")
    return settings
