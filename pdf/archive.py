"""The machine-readable twin of a document: the assessment as JSON, embedded in the archival PDF.

A notice carries what it decides — child, care, statute, period, every month with its amount and
reasons, the total and, for an amending notice, the recalculation — so that an archive or the
finance office can read it back without parsing the printed text. A facility's notification
carries only children, care and status. Amounts are decimal strings, dates ISO 8601, months
``YYYY-MM``; keys are sorted, so the same notice always gives the same bytes.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from .context import AmendingNotice, FacilityNotice, FeeNotice

SCHEMA = "https://elternbeitraege.example/schema/festsetzung/1"
FACILITY_SCHEMA = "https://elternbeitraege.example/schema/einrichtungsmitteilung/1"
ATTACHMENT_NAME = "festsetzung.json"
FACILITY_ATTACHMENT_NAME = "mitteilung.json"


def _month(value: date) -> str:
    return f"{value.year:04d}-{value.month:02d}"


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def _letter(notice: FeeNotice) -> dict[str, Any]:
    letter = notice.letter
    return {
        "issuer": letter.office.name,
        "date": letter.date.isoformat(),
        "file_number": letter.file_number,
        "cash_reference": notice.cash_reference,
        "addressees": list(letter.recipient_lines),
    }


def fee_notice_data(notice: FeeNotice) -> dict[str, Any]:
    """Return the assessment a fee notice decides, as plain JSON values."""
    months = [row.month for row in notice.months]
    return {
        "schema": SCHEMA,
        "kind": "fee_notice",
        "assessment": "provisional" if notice.provisional else "final",
        **_letter(notice),
        "child": {"name": notice.child_name, "birth_date": notice.child_birth_date.isoformat()},
        "facility": notice.facility_name,
        "care_kind": notice.care_kind_label,
        "weekly_hours": notice.weekly_hours,
        "income_basis": notice.income_basis,
        "statute": {"id": notice.statute_id, "title": notice.statute_title, "date": notice.statute_date},
        "period": {"from": _month(min(months)), "to": _month(max(months))} if months else None,
        "months": [
            {"month": _month(row.month), "amount": _amount(row.amount), "bracket": row.bracket,
             "age_group": row.age_group_label, "hours": row.hours, "reasons": list(row.reasons)}
            for row in notice.months
        ],
        "total": _amount(notice.total),
        "payment": {"due_day": 15, "sepa_mandate_reference": notice.mandate_reference,
                    "iban_masked": notice.iban_masked},
    }


def amending_notice_data(doc: AmendingNotice) -> dict[str, Any]:
    """Return the new assessment and the recalculation against the replaced notice."""
    data = fee_notice_data(doc.notice)
    data["kind"] = "amending_notice"
    data["replaces"] = {"date": doc.replaces_date.isoformat(), "name": doc.replaces_file_name}
    data["change_reason"] = doc.change_reason
    data["recalculation"] = {
        "months": [{"month": _month(row.month), "old": _amount(row.old), "new": _amount(row.new),
                    "difference": _amount(row.difference)} for row in doc.differences],
        "old_total": _amount(doc.old_total),
        "new_total": _amount(doc.new_total),
        "balance": _amount(doc.balance),
    }
    return data


def facility_notice_data(doc: FacilityNotice) -> dict[str, Any]:
    """Return the facility's notification: children, care and status, nothing about money."""
    return {
        "schema": FACILITY_SCHEMA,
        "kind": "facility_notice",
        "issuer": doc.letter.office.name,
        "date": doc.letter.date.isoformat(),
        "reference": doc.letter.file_number,
        "facility": doc.facility_name,
        "children": [
            {"name": child.child_name, "birth_date": child.child_birth_date.isoformat(),
             "file_number": child.file_number, "care_kind": child.care_kind_label,
             "weekly_hours": child.weekly_hours, "care_start": child.care_start.isoformat(),
             "status": child.status}
            for child in doc.children
        ],
    }


def to_json(data: dict[str, Any]) -> bytes:
    """Serialise the data the same way every time: sorted keys, UTF-8, one key per line."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
