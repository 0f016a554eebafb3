"""The fee-case state machine as data: states, triggers, guards, and who may fire each trigger.

Roles: ``parent``, ``clerk`` and ``facility`` act in the browser; ``system`` fires what follows
from another act within the same transaction, and what ``flask jobs run-due`` finds due.
"""
from __future__ import annotations

from typing import Any

from .states import CaseState, Trigger
from .states import CaseState as S
from .states import Trigger as T

STATES = tuple(CaseState)

STATE_LABELS = {
    S.REPORTED: "Aufnahme gemeldet",
    S.INVITED: "Eltern eingeladen",
    S.REMINDED: "Eltern erinnert",
    S.SUBMITTED: "Erklärung eingereicht",
    S.IN_REVIEW: "In Prüfung",
    S.DOCUMENTS_REQUESTED: "Nachweise angefordert",
    S.APPROVED: "Beitrag festgesetzt",
    S.NOTICE_ISSUED: "Bescheid erstellt",
    S.FACILITY_NOTIFIED: "Bescheid erteilt",
    S.CHANGE_REPORTED: "Änderung gemeldet",
    S.CLOSED: "Abgeschlossen",
    S.WITHDRAWN: "Zurückgezogen",
}

# States in which a case ends; only a correction (reopening, with a reason) leads out of one again.
FINAL = (S.CLOSED, S.WITHDRAWN)
# States in which the parents are asked to fill in or update their declaration.
DECLARING = (S.INVITED, S.REMINDED, S.DOCUMENTS_REQUESTED, S.CHANGE_REPORTED)
# States of a case before its first notice, from which a facility or clerk may withdraw it.
BEFORE_NOTICE = (S.REPORTED, S.INVITED, S.REMINDED, S.SUBMITTED, S.IN_REVIEW, S.DOCUMENTS_REQUESTED)
# States in which a change of care only updates the case's data: the clerk's next assessment uses it.
OPEN = (S.INVITED, S.REMINDED, S.SUBMITTED, S.IN_REVIEW, S.DOCUMENTS_REQUESTED, S.CHANGE_REPORTED)

# Each transition: trigger, source (a state or a list), dest ("=" stays), roles, and guards by name.
TRANSITIONS: tuple[dict[str, Any], ...] = (
    {"trigger": T.INVITE, "source": S.REPORTED, "dest": S.INVITED, "roles": ("system",)},
    {"trigger": T.REMIND, "source": S.INVITED, "dest": S.REMINDED, "roles": ("system",),
     "conditions": ["declaration_overdue"]},
    {"trigger": T.SUBMIT, "source": list(DECLARING), "dest": S.SUBMITTED, "roles": ("parent",),
     "conditions": ["declaration_complete"]},
    {"trigger": T.ACCEPT_HIGHEST, "source": list(DECLARING), "dest": S.SUBMITTED, "roles": ("parent",)},
    {"trigger": T.START_REVIEW, "source": S.SUBMITTED, "dest": S.IN_REVIEW, "roles": ("clerk",)},
    {"trigger": T.REQUEST_DOCUMENTS, "source": S.IN_REVIEW, "dest": S.DOCUMENTS_REQUESTED, "roles": ("clerk",),
     "conditions": ["deadline_in_future", "deadline_within_span"]},
    {"trigger": T.APPROVE, "source": S.IN_REVIEW, "dest": S.APPROVED, "roles": ("clerk",),
     "conditions": ["declaration_complete", "proofs_sufficient"]},
    {"trigger": T.EXPIRE_DECLARATION, "source": S.REMINDED, "dest": S.APPROVED, "roles": ("system",),
     "conditions": ["reminder_expired"]},
    {"trigger": T.EXPIRE_DOCUMENTS, "source": S.DOCUMENTS_REQUESTED, "dest": S.APPROVED, "roles": ("system",),
     "conditions": ["documents_expired"]},
    {"trigger": T.ISSUE_NOTICE, "source": S.APPROVED, "dest": S.NOTICE_ISSUED, "roles": ("system",)},
    {"trigger": T.NOTIFY_FACILITY, "source": S.NOTICE_ISSUED, "dest": S.FACILITY_NOTIFIED, "roles": ("system",)},
    {"trigger": T.REPORT_CARE_CHANGE, "source": S.FACILITY_NOTIFIED, "dest": S.IN_REVIEW,
     "roles": ("facility", "clerk"), "conditions": ["change_within_care"]},
    {"trigger": T.REPORT_CARE_CHANGE, "source": list(OPEN), "dest": "=", "roles": ("facility", "clerk"),
     "conditions": ["change_within_care"]},
    {"trigger": T.REPORT_DEPARTURE, "source": S.FACILITY_NOTIFIED, "dest": S.IN_REVIEW,
     "roles": ("facility", "clerk"), "conditions": ["departure_after_start"]},
    {"trigger": T.REPORT_DEPARTURE, "source": list(OPEN), "dest": "=", "roles": ("facility", "clerk"),
     "conditions": ["departure_after_start"]},
    {"trigger": T.REPORT_INCOME_CHANGE, "source": S.FACILITY_NOTIFIED, "dest": S.CHANGE_REPORTED,
     "roles": ("parent",), "conditions": ["change_within_care"]},
    {"trigger": T.LINK_SIBLING, "source": S.FACILITY_NOTIFIED, "dest": S.IN_REVIEW, "roles": ("clerk",)},
    {"trigger": T.LINK_SIBLING, "source": list(OPEN), "dest": "=", "roles": ("clerk",)},
    {"trigger": T.SIBLING_CHANGED, "source": S.FACILITY_NOTIFIED, "dest": S.IN_REVIEW, "roles": ("system",)},
    {"trigger": T.START_FINAL_CHECK, "source": S.FACILITY_NOTIFIED, "dest": S.DOCUMENTS_REQUESTED,
     "roles": ("system", "clerk"),
     "conditions": ["provisional", "income_year_over", "deadline_in_future", "deadline_within_span"]},
    {"trigger": T.WITHDRAW, "source": list(BEFORE_NOTICE), "dest": S.WITHDRAWN, "roles": ("facility", "clerk"),
     "conditions": ["care_not_started"]},
    {"trigger": T.CLOSE, "source": S.FACILITY_NOTIFIED, "dest": S.CLOSED, "roles": ("system",),
     "conditions": ["care_ended"]},
    {"trigger": T.REOPEN, "source": S.CLOSED, "dest": S.IN_REVIEW, "roles": ("clerk",),
     "conditions": ["reason_given"]},
    {"trigger": T.CORRECT_INCOME, "source": S.IN_REVIEW, "dest": "=", "roles": ("clerk",),
     "conditions": ["reason_given", "not_finally_assessed"]},
)

TRIGGER_LABELS = {
    T.REPORT: "Aufnahme gemeldet",
    T.IMPORT: "Aus dem bisherigen Verfahren übernommen",
    T.INVITE: "Einladung erstellt",
    T.REMIND: "Erinnerung versandt",
    T.SUBMIT: "Erklärung abgesendet",
    T.ACCEPT_HIGHEST: "Höchstbeitrag akzeptiert",
    T.START_REVIEW: "Prüfung begonnen",
    T.REQUEST_DOCUMENTS: "Nachweise angefordert",
    T.APPROVE: "Beitrag festgesetzt",
    T.EXPIRE_DECLARATION: "Frist verstrichen: Höchstbeitrag festgesetzt",
    T.EXPIRE_DOCUMENTS: "Frist für Nachweise verstrichen: Höchstbeitrag festgesetzt",
    T.ISSUE_NOTICE: "Bescheid erstellt",
    T.NOTIFY_FACILITY: "Einrichtung benachrichtigt",
    T.REPORT_CARE_CHANGE: "Änderung der Betreuungszeit gemeldet",
    T.REPORT_DEPARTURE: "Abmeldung gemeldet",
    T.REPORT_INCOME_CHANGE: "Änderung von Einkommen oder Leistungen gemeldet",
    T.LINK_SIBLING: "Geschwisterkind verknüpft",
    T.SIBLING_CHANGED: "Geschwisterregelung geändert",
    T.START_FINAL_CHECK: "Endgültige Prüfung eingeleitet",
    T.WITHDRAW: "Zurückgezogen vor Betreuungsbeginn",
    T.CLOSE: "Fall abgeschlossen",
    T.REOPEN: "Fall zur Korrektur wieder geöffnet",
    T.CORRECT_INCOME: "Einkommen vom Jugendamt berichtigt",
}

# Short labels for the buttons that fire a trigger in the browser.
ACTION_LABELS = {
    T.START_REVIEW: "Prüfung beginnen",
    T.REQUEST_DOCUMENTS: "Nachweise anfordern",
    T.APPROVE: "Beitrag festsetzen",
    T.REPORT_CARE_CHANGE: "Betreuungszeit ändern",
    T.REPORT_DEPARTURE: "Abmeldung melden",
    T.REPORT_INCOME_CHANGE: "Änderung melden",
    T.ACCEPT_HIGHEST: "Höchstbeitrag akzeptieren",
    T.LINK_SIBLING: "Geschwisterkind verknüpfen",
    T.START_FINAL_CHECK: "Endgültige Prüfung einleiten",
    T.WITHDRAW: "Fall zurückziehen",
    T.REOPEN: "Fall wieder öffnen",
    T.CORRECT_INCOME: "Einkommen korrigieren",
}

# Which events each audience sees: parents a plain timeline, facilities what concerns them.
PARENT_MILESTONES = frozenset({
    T.INVITE, T.REMIND, T.SUBMIT, T.ACCEPT_HIGHEST, T.REQUEST_DOCUMENTS, T.EXPIRE_DECLARATION,
    T.EXPIRE_DOCUMENTS, T.ISSUE_NOTICE, T.REPORT_CARE_CHANGE, T.REPORT_DEPARTURE, T.REPORT_INCOME_CHANGE,
    T.SIBLING_CHANGED, T.START_FINAL_CHECK, T.WITHDRAW, T.CLOSE, T.REOPEN, T.CORRECT_INCOME,
})
FACILITY_MILESTONES = frozenset({
    T.REPORT, T.INVITE, T.NOTIFY_FACILITY, T.REPORT_CARE_CHANGE, T.REPORT_DEPARTURE, T.WITHDRAW, T.CLOSE,
})


def triggers() -> tuple[Trigger, ...]:
    """Return every trigger once, in the order of the definition."""
    return tuple(dict.fromkeys(Trigger(spec["trigger"]) for spec in TRANSITIONS))


def roles_for(trigger: str) -> set[str]:
    """Return the roles that may fire a trigger."""
    return {role for spec in TRANSITIONS if spec["trigger"] == trigger for role in spec["roles"]}


def sources_of(spec: dict[str, Any]) -> tuple[CaseState, ...]:
    """Return the source states of one transition as a tuple."""
    source = spec["source"]
    return (CaseState(source),) if isinstance(source, str) else tuple(CaseState(state) for state in source)


def destination(spec: dict[str, Any], source: str) -> CaseState:
    """Return where a transition leads from ``source`` (``=`` stays in the state)."""
    return CaseState(source if spec["dest"] == "=" else spec["dest"])
