"""The fee-case state machine as data: states, triggers, and who may fire each trigger."""
from __future__ import annotations

STATES = (
    "reported",
    "invited",
    "submitted",
    "documents_requested",
    "approved",
    "notice_issued",
    "facility_notified",
)

STATE_LABELS = {
    "reported": "Aufnahme gemeldet",
    "invited": "Eltern eingeladen",
    "submitted": "Erklärung eingereicht",
    "documents_requested": "Nachweise angefordert",
    "approved": "Beitrag festgesetzt",
    "notice_issued": "Bescheid erstellt",
    "facility_notified": "Bescheid erteilt – abgeschlossen",
}

# "system" fires what follows from another act within the same transaction.
TRANSITIONS = (
    {"trigger": "invite", "source": "reported", "dest": "invited", "roles": ("system",)},
    {"trigger": "submit", "source": "invited", "dest": "submitted", "roles": ("parent",),
     "conditions": ["declaration_complete"]},
    {"trigger": "submit", "source": "documents_requested", "dest": "submitted", "roles": ("parent",),
     "conditions": ["declaration_complete"]},
    {"trigger": "request_documents", "source": "submitted", "dest": "documents_requested",
     "roles": ("clerk",), "conditions": ["deadline_in_future"]},
    {"trigger": "approve", "source": "submitted", "dest": "approved", "roles": ("clerk",),
     "conditions": ["declaration_complete"]},
    {"trigger": "issue_notice", "source": "approved", "dest": "notice_issued", "roles": ("system",)},
    {"trigger": "notify_facility", "source": "notice_issued", "dest": "facility_notified",
     "roles": ("system",)},
)

TRIGGER_LABELS = {
    "report": "Aufnahme gemeldet",
    "invite": "Einladung erstellt",
    "submit": "Erklärung abgesendet",
    "request_documents": "Nachweise angefordert",
    "approve": "Beitrag festgesetzt",
    "issue_notice": "Bescheid erstellt",
    "notify_facility": "Einrichtung benachrichtigt",
}


def roles_for(trigger: str) -> set[str]:
    """Return the roles that may fire a trigger."""
    return {role for spec in TRANSITIONS if spec["trigger"] == trigger for role in spec["roles"]}
