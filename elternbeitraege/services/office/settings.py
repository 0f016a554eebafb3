"""The office's variants of the workflow: deadlines and their longest span, proofs before a provisional
assessment, when the final check may start and the month of the yearly one.

An administrator reads and changes the settings of the own office only; the system (command line,
demo data) names the office it changes.
"""
from __future__ import annotations

import functools
import logging
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from workflows.checks import latest_deadline

from ...models import YouthOffice
from ..kernel.actor import Actor
from ..kernel.errors import InvalidInput
from ..kernel.scope import office_of
from ..kernel.uow import UnitOfWork
from .bounds import months_text

log = logging.getLogger(__name__)

MIN_DAYS, MAX_DAYS = 7, 90
MONTH_NAMES = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
               "November", "Dezember")
DEADLINES = ("declaration_days", "reminder_days", "documents_days")
# The whole numbers each setting may take; the database checks the same ranges.
RANGES = {"declaration_days": (MIN_DAYS, MAX_DAYS), "reminder_days": (MIN_DAYS, MAX_DAYS),
          "documents_days": (MIN_DAYS, MAX_DAYS), "final_check_month": (1, 12), "deadline_max_months": (1, 12),
          "final_check_after_months": (0, 11)}
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
    "deadline_max_months": "Geben Sie in ganzen Monaten an, wie weit eine Frist höchstens vorausliegen darf, "
                           "zwischen 1 und 12, zum Beispiel 3.",
    "final_check_after_months": "Geben Sie in ganzen Monaten an, wie lange nach dem Ende eines Jahres die "
                                "endgültige Prüfung frühestens beginnt, zwischen 0 und 11, zum Beispiel 3.",
}


@dataclass(frozen=True)
class WorkflowSettings:
    """How an office runs the workflow; the columns of the same name on ``YouthOffice``."""

    declaration_days: int
    reminder_days: int
    documents_days: int
    proofs_before_provisional: bool
    final_check_month: int
    deadline_max_months: int = 3
    final_check_after_months: int = 3

    @property
    def final_check_month_name(self) -> str:
        """Return the German name of the final-check month."""
        return MONTH_NAMES[self.final_check_month - 1]


def settings_of(office: YouthOffice) -> WorkflowSettings:
    """Return an office's workflow settings."""
    return WorkflowSettings(office.declaration_days, office.reminder_days, office.documents_days,
                            office.proofs_before_provisional, office.final_check_month, office.deadline_max_months,
                            office.final_check_after_months)


def workflow_settings(session: Session, actor: Actor, office_id: int | None = None) -> WorkflowSettings:
    """Return the workflow settings of the administrator's own office."""
    return settings_of(office_of(session, actor, office_id))


def problems(values: Mapping[str, object]) -> dict[str, str]:
    """Return a German message for each setting out of its range, and for each that does not fit the others.

    ``values`` may hold only some settings (a form passes those it could read): each is checked on its
    own, and against the others that are there and right, so that every error is found at once.
    """
    wrong = {name: MESSAGES[name] for name, (low, high) in RANGES.items()
             if name in values and not _whole_between(values[name], low, high)}
    if "proofs_before_provisional" in values and not isinstance(values["proofs_before_provisional"], bool):
        wrong["proofs_before_provisional"] = MESSAGES["proofs_before_provisional"]
    right = {name: value for name, value in values.items() if name not in wrong}
    return wrong | _misfits(right)


def _misfits(values: Mapping[str, object]) -> dict[str, str]:
    """Return a message for each deadline longer than the span, and for a yearly check before it may start."""
    misfits = {}
    span = values.get("deadline_max_months")
    if isinstance(span, int):
        longest = shortest_days(span)
        misfits |= {name: f"Eine Frist darf höchstens {months_text(span)} vorausliegen; so viele Monate haben "
                          f"mindestens {longest} Tage. Geben Sie höchstens {longest} Tage an oder erlauben Sie "
                          "längere Fristen."
                    for name in DEADLINES if isinstance(values.get(name), int) and values[name] > longest}
    month, wait = values.get("final_check_month"), values.get("final_check_after_months")
    if isinstance(month, int) and isinstance(wait, int) and month - 1 < wait:
        misfits["final_check_month"] = (
            f"Die endgültige Prüfung beginnt frühestens {months_text(wait)} nach dem Ende des Jahres, also im "
            f"{MONTH_NAMES[wait]}. Wählen Sie {MONTH_NAMES[wait]} oder einen späteren Monat, oder verkürzen Sie "
            "die Wartezeit.")
    return misfits


@functools.cache
def shortest_days(months: int) -> int:
    """Return the fewest days a span of so many months can have, whatever day it starts on (four years tried)."""
    first = date(2025, 1, 1)
    return min((latest_deadline(day, months) - day).days
               for day in (first + timedelta(days=offset) for offset in range(4 * 366)))


def _whole_between(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def change_workflow_settings(uow: UnitOfWork, actor: Actor, settings: WorkflowSettings,
                             office_id: int | None = None) -> WorkflowSettings:
    """Check and keep the workflow settings of the administrator's own office; refuse bad values in German."""
    session = uow.session
    office = office_of(session, actor, office_id)
    errors = problems(asdict(settings))
    if errors:
        raise InvalidInput(errors)
    before = settings_of(office)
    for name, value in asdict(settings).items():
        setattr(office, name, value)
    uow.commit()
    changed = {name: value for name, value in asdict(settings).items() if getattr(before, name) != value}
    log.info("workflow settings of office %s changed by user %s: %s", office.id, actor.user_id, changed or "nothing")
    return settings
