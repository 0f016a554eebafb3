"""The clerk's worklist: the office's cases that need action first, filtered, counted and cut into pages."""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import Select, case, func, or_, select, union
from sqlalchemy.orm import Session, contains_eager

from workflows import STATES, CaseState

from ...models import Child, Facility, FeeCase, Household, OfficeStatute
from ..kernel.actor import Actor
from ..kernel.errors import NotFound
from ..kernel.labels import german_day
from ..kernel.scope import visible_cases

PER_PAGE = 25
MAX_SEARCH_TERMS = 5
# The states in which a case waits for the clerk; they come first, the longest waiting on top.
WAITING = (CaseState.SUBMITTED, CaseState.IN_REVIEW)
SEARCHED = (Child.first_name, Child.last_name, Household.parent1_first_name, Household.parent1_last_name,
            Household.parent2_first_name, Household.parent2_last_name, FeeCase.file_number)
# Why a filter was left out, by the name of the criterion; the form shows the same words for malformed input,
# so a facility of another office reads exactly like one that does not exist.
LEFT_OUT = {
    "status": "Wählen Sie einen Status aus der Liste. Bis dahin werden Fälle in jedem Status gezeigt.",
    "facility_id": "Wählen Sie eine Einrichtung aus der Liste. Bis dahin werden die Fälle aller Einrichtungen "
                   "gezeigt.",
    "statute_id": "Wählen Sie eine Satzung aus der Liste. Bis dahin werden die Fälle aller Satzungen gezeigt.",
}


@dataclass(frozen=True)
class Filters:
    """What the clerk asked for; None or empty means: not filtered by this."""

    status: str | None = None
    facility_id: int | None = None
    statute_id: str | None = None
    due_by: date | None = None
    search: str = ""
    page: int = 1


@dataclass(frozen=True)
class Row:
    """One case as the worklist shows it."""

    case_id: int
    file_number: str
    child_name: str
    parent_names: str
    facility_name: str
    status: str
    due_on: date | None
    overdue: bool
    waiting_since: date
    waiting_days: int


@dataclass(frozen=True)
class Worklist:
    """One page of rows, the count per status (all filters but the status), and the office's filter options."""

    rows: list[Row]
    counts: dict[str, int]
    total: int
    page: int
    pages: int
    facilities: list[tuple[int, str]] = field(default_factory=list)
    statute_ids: list[str] = field(default_factory=list)
    left_out: dict[str, str] = field(default_factory=dict)  # criterion → why it was not applied (German)


def worklist(session: Session, actor: Actor, filters: Filters, today: date) -> Worklist:
    """Return one page of the clerk's cases: waiting for the clerk first, then by the nearest deadline."""
    if actor.role != "clerk":
        raise NotFound("worklist")
    facilities = list(session.execute(
        select(Facility.id, Facility.name).where(Facility.office_id == actor.office_id)
        .order_by(Facility.name, Facility.id)).tuples())
    statute_ids = _statute_ids(session, actor)
    filters, left_out = _applicable(filters, {id_ for id_, _name in facilities}, set(statute_ids))
    query = _filtered(visible_cases(actor), filters)
    counts = dict(session.execute(
        query.with_only_columns(FeeCase.status, func.count(FeeCase.id)).group_by(FeeCase.status)).tuples().all())
    if filters.status:
        query = query.where(FeeCase.status == filters.status)
    total = counts.get(filters.status, 0) if filters.status else sum(counts.values())
    pages = max(1, math.ceil(total / PER_PAGE))
    page = min(max(filters.page, 1), pages)  # past the end: the last page
    cases = session.scalars(query.options(
        contains_eager(FeeCase.child), contains_eager(FeeCase.household), contains_eager(FeeCase.facility),
    ).order_by(*_order()).offset((page - 1) * PER_PAGE).limit(PER_PAGE)).all()
    return Worklist([_row(case_, today) for case_ in cases], counts, total, page, pages, facilities, statute_ids,
                    left_out)


def _statute_ids(session: Session, actor: Actor) -> list[str]:
    """Return the statutes in the office's schedule and those its cases were assessed by."""
    scheduled = select(OfficeStatute.statute_id).where(OfficeStatute.office_id == actor.office_id)
    applied = visible_cases(actor).with_only_columns(FeeCase.statute_id).where(FeeCase.statute_id.is_not(None))
    return sorted(session.scalars(union(scheduled, applied)))


def _applicable(filters: Filters, facility_ids: set[int], statute_ids: set[str]) -> tuple[Filters, dict[str, str]]:
    """Leave out criteria the office does not know, saying why; the others still apply."""
    unknown = {
        "status": filters.status is not None and filters.status not in STATES,
        "facility_id": filters.facility_id is not None and filters.facility_id not in facility_ids,
        "statute_id": filters.statute_id is not None and filters.statute_id not in statute_ids,
    }
    left_out = {name: LEFT_OUT[name] for name, is_unknown in unknown.items() if is_unknown}
    return replace(filters, **dict.fromkeys(left_out)), left_out


def _filtered(query: Select, filters: Filters) -> Select:
    """Join what the rows show and apply every criterion but the status."""
    query = (query.join(Child, FeeCase.child_id == Child.id).join(Household, FeeCase.household_id == Household.id)
             .join(Facility, FeeCase.facility_id == Facility.id))
    if filters.facility_id is not None:
        query = query.where(FeeCase.facility_id == filters.facility_id)
    if filters.statute_id is not None:
        query = query.where(FeeCase.statute_id == filters.statute_id)
    if filters.due_by is not None:
        query = query.where(FeeCase.due_on <= filters.due_by)
    for term in filters.search.split()[:MAX_SEARCH_TERMS]:  # every word must match a name or the file number
        pattern = f"%{escape_like(term)}%"
        query = query.where(or_(*(column.ilike(pattern, escape="\\") for column in SEARCHED)))
    return query


def escape_like(text: str) -> str:
    """Return the text with LIKE's wildcards taken literally (escape character: backslash)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _order() -> tuple:
    waiting = FeeCase.status.in_(WAITING)
    return (case((waiting, 0), else_=1), case((waiting, FeeCase.status_since)), FeeCase.due_on.asc().nulls_last(),
            FeeCase.id)


def _row(fee_case: FeeCase, today: date) -> Row:
    since = german_day(fee_case.status_since)
    return Row(
        case_id=fee_case.id, file_number=fee_case.file_number,
        child_name=f"{fee_case.child.last_name}, {fee_case.child.first_name}",
        parent_names=", ".join(fee_case.household.parent_names), facility_name=fee_case.facility.name,
        status=fee_case.status, due_on=fee_case.due_on,
        overdue=fee_case.due_on is not None and fee_case.due_on < today,
        waiting_since=since, waiting_days=max(0, (today - since).days),
    )
