"""The states of a fee case and the triggers that move it, as enums shared by workflow, models and templates.

Both are ``StrEnum``: a member equals its stored text (``CaseState.INVITED == "invited"``), so the
database column, URLs and the ``transitions`` library keep plain strings, while code names them.
"""
from __future__ import annotations

from enum import StrEnum


class CaseState(StrEnum):
    """Where a fee case stands."""

    REPORTED = "reported"
    INVITED = "invited"
    REMINDED = "reminded"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    DOCUMENTS_REQUESTED = "documents_requested"
    APPROVED = "approved"
    NOTICE_ISSUED = "notice_issued"
    FACILITY_NOTIFIED = "facility_notified"
    CHANGE_REPORTED = "change_reported"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


class Trigger(StrEnum):
    """What happens to a fee case; ``REPORT`` and ``IMPORT`` open it, the others are transitions of the machine."""

    REPORT = "report"
    IMPORT = "import"  # opened from a file of the old system (``flask import cases``), like ``REPORT``
    INVITE = "invite"
    REMIND = "remind"
    SUBMIT = "submit"
    ACCEPT_HIGHEST = "accept_highest"
    START_REVIEW = "start_review"
    REQUEST_DOCUMENTS = "request_documents"
    APPROVE = "approve"
    EXPIRE_DECLARATION = "expire_declaration"
    EXPIRE_DOCUMENTS = "expire_documents"
    ISSUE_NOTICE = "issue_notice"
    NOTIFY_FACILITY = "notify_facility"
    REPORT_CARE_CHANGE = "report_care_change"
    REPORT_DEPARTURE = "report_departure"
    REPORT_INCOME_CHANGE = "report_income_change"
    LINK_SIBLING = "link_sibling"
    SIBLING_CHANGED = "sibling_changed"
    START_FINAL_CHECK = "start_final_check"
    WITHDRAW = "withdraw"
    CLOSE = "close"
    REOPEN = "reopen"
    CORRECT_INCOME = "correct_income"
