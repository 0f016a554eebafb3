"""The fee-case state machine as data: states, triggers, guards, and who may fire each trigger.

Roles: ``parent``, ``clerk`` and ``facility`` act in the browser; ``system`` fires what follows
from another act within the same transaction, and what ``flask jobs run-due`` finds due.
"""
from __future__ import annotations

STATES = (
    "reported",
    "invited",
    "reminded",
    "submitted",
    "in_review",
    "documents_requested",
    "approved",
    "notice_issued",
    "facility_notified",
    "change_reported",
    "closed",
    "withdrawn",
)

STATE_LABELS = {
    "reported": "Aufnahme gemeldet",
    "invited": "Eltern eingeladen",
    "reminded": "Eltern erinnert",
    "submitted": "Erklärung eingereicht",
    "in_review": "In Prüfung",
    "documents_requested": "Nachweise angefordert",
    "approved": "Beitrag festgesetzt",
    "notice_issued": "Bescheid erstellt",
    "facility_notified": "Bescheid erteilt",
    "change_reported": "Änderung gemeldet",
    "closed": "Abgeschlossen",
    "withdrawn": "Zurückgezogen",
}

# States in which a case ends; only a correction (reopening, with a reason) leads out of one again.
FINAL = ("closed", "withdrawn")
# States in which the parents are asked to fill in or update their declaration.
DECLARING = ("invited", "reminded", "documents_requested", "change_reported")
# States of a case before its first notice, from which a facility or clerk may withdraw it.
BEFORE_NOTICE = ("reported", "invited", "reminded", "submitted", "in_review", "documents_requested")
# States in which a change of care only updates the case's data: the clerk's next assessment uses it.
OPEN = ("invited", "reminded", "submitted", "in_review", "documents_requested", "change_reported")

TRANSITIONS = (
    {"trigger": "invite", "source": "reported", "dest": "invited", "roles": ("system",)},
    {"trigger": "remind", "source": "invited", "dest": "reminded", "roles": ("system",),
     "conditions": ["declaration_overdue"]},
    {"trigger": "submit", "source": list(DECLARING), "dest": "submitted", "roles": ("parent",),
     "conditions": ["declaration_complete"]},
    {"trigger": "accept_highest", "source": list(DECLARING), "dest": "submitted", "roles": ("parent",)},
    {"trigger": "start_review", "source": "submitted", "dest": "in_review", "roles": ("clerk",)},
    {"trigger": "request_documents", "source": "in_review", "dest": "documents_requested", "roles": ("clerk",),
     "conditions": ["deadline_in_future", "deadline_within_span"]},
    {"trigger": "approve", "source": "in_review", "dest": "approved", "roles": ("clerk",),
     "conditions": ["declaration_complete", "proofs_sufficient"]},
    {"trigger": "expire_declaration", "source": "reminded", "dest": "approved", "roles": ("system",),
     "conditions": ["reminder_expired"]},
    {"trigger": "expire_documents", "source": "documents_requested", "dest": "approved", "roles": ("system",),
     "conditions": ["documents_expired"]},
    {"trigger": "issue_notice", "source": "approved", "dest": "notice_issued", "roles": ("system",)},
    {"trigger": "notify_facility", "source": "notice_issued", "dest": "facility_notified", "roles": ("system",)},
    {"trigger": "report_care_change", "source": "facility_notified", "dest": "in_review",
     "roles": ("facility", "clerk"), "conditions": ["change_within_care"]},
    {"trigger": "report_care_change", "source": list(OPEN), "dest": "=", "roles": ("facility", "clerk"),
     "conditions": ["change_within_care"]},
    {"trigger": "report_departure", "source": "facility_notified", "dest": "in_review",
     "roles": ("facility", "clerk"), "conditions": ["departure_after_start"]},
    {"trigger": "report_departure", "source": list(OPEN), "dest": "=", "roles": ("facility", "clerk"),
     "conditions": ["departure_after_start"]},
    {"trigger": "report_income_change", "source": "facility_notified", "dest": "change_reported",
     "roles": ("parent",), "conditions": ["change_within_care"]},
    {"trigger": "link_sibling", "source": "facility_notified", "dest": "in_review", "roles": ("clerk",)},
    {"trigger": "link_sibling", "source": list(OPEN), "dest": "=", "roles": ("clerk",)},
    {"trigger": "sibling_changed", "source": "facility_notified", "dest": "in_review", "roles": ("system",)},
    {"trigger": "start_final_check", "source": "facility_notified", "dest": "documents_requested",
     "roles": ("system", "clerk"),
     "conditions": ["provisional", "income_year_over", "deadline_in_future", "deadline_within_span"]},
    {"trigger": "withdraw", "source": list(BEFORE_NOTICE), "dest": "withdrawn", "roles": ("facility", "clerk"),
     "conditions": ["care_not_started"]},
    {"trigger": "close", "source": "facility_notified", "dest": "closed", "roles": ("system",),
     "conditions": ["care_ended"]},
    {"trigger": "reopen", "source": "closed", "dest": "in_review", "roles": ("clerk",),
     "conditions": ["reason_given"]},
    {"trigger": "correct_income", "source": "in_review", "dest": "=", "roles": ("clerk",),
     "conditions": ["reason_given", "not_finally_assessed"]},
)

TRIGGER_LABELS = {
    "report": "Aufnahme gemeldet",
    "invite": "Einladung erstellt",
    "remind": "Erinnerung versandt",
    "submit": "Erklärung abgesendet",
    "accept_highest": "Höchstbeitrag akzeptiert",
    "start_review": "Prüfung begonnen",
    "request_documents": "Nachweise angefordert",
    "approve": "Beitrag festgesetzt",
    "expire_declaration": "Frist verstrichen: Höchstbeitrag festgesetzt",
    "expire_documents": "Frist für Nachweise verstrichen: Höchstbeitrag festgesetzt",
    "issue_notice": "Bescheid erstellt",
    "notify_facility": "Einrichtung benachrichtigt",
    "report_care_change": "Änderung der Betreuungszeit gemeldet",
    "report_departure": "Abmeldung gemeldet",
    "report_income_change": "Änderung von Einkommen oder Leistungen gemeldet",
    "link_sibling": "Geschwisterkind verknüpft",
    "sibling_changed": "Geschwisterregelung geändert",
    "start_final_check": "Endgültige Prüfung eingeleitet",
    "withdraw": "Zurückgezogen vor Betreuungsbeginn",
    "close": "Fall abgeschlossen",
    "reopen": "Fall zur Korrektur wieder geöffnet",
    "correct_income": "Einkommen vom Jugendamt berichtigt",
}

# Short labels for the buttons that fire a trigger in the browser.
ACTION_LABELS = {
    "start_review": "Prüfung beginnen",
    "request_documents": "Nachweise anfordern",
    "approve": "Beitrag festsetzen",
    "report_care_change": "Betreuungszeit ändern",
    "report_departure": "Abmeldung melden",
    "report_income_change": "Änderung melden",
    "accept_highest": "Höchstbeitrag akzeptieren",
    "link_sibling": "Geschwisterkind verknüpfen",
    "start_final_check": "Endgültige Prüfung einleiten",
    "withdraw": "Fall zurückziehen",
    "reopen": "Fall wieder öffnen",
    "correct_income": "Einkommen korrigieren",
}

# Which events each audience sees: parents a plain timeline, facilities what concerns them.
PARENT_MILESTONES = frozenset({
    "invite", "remind", "submit", "accept_highest", "request_documents", "expire_declaration",
    "expire_documents", "issue_notice", "report_care_change", "report_departure", "report_income_change",
    "sibling_changed", "start_final_check", "withdraw", "close", "reopen", "correct_income",
})
FACILITY_MILESTONES = frozenset({
    "report", "invite", "notify_facility", "report_care_change", "report_departure", "withdraw", "close",
})


def triggers() -> tuple[str, ...]:
    """Return every trigger once, in the order of the definition."""
    return tuple(dict.fromkeys(spec["trigger"] for spec in TRANSITIONS))


def roles_for(trigger: str) -> set[str]:
    """Return the roles that may fire a trigger."""
    return {role for spec in TRANSITIONS if spec["trigger"] == trigger for role in spec["roles"]}


def sources_of(spec: dict) -> tuple[str, ...]:
    """Return the source states of one transition as a tuple."""
    source = spec["source"]
    return (source,) if isinstance(source, str) else tuple(source)


def destination(spec: dict, source: str) -> str:
    """Return where a transition leads from ``source`` (``=`` stays in the state)."""
    return source if spec["dest"] == "=" else spec["dest"]
