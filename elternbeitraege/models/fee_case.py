"""The fee case (Beitragsfall) of one child's care contract, and its history of events."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workflows.definition import STATES

from .base import Base, in_list, utcnow
from .document import ASSESSMENT_KINDS
from .household import Child, Household
from .office import CARE_KINDS, Facility, YouthOffice


class FeeCase(Base):
    __tablename__ = "fee_case"
    __table_args__ = (
        CheckConstraint(in_list("status", STATES), name="status"),
        CheckConstraint(in_list("care_kind", CARE_KINDS), name="care_kind"),
        CheckConstraint("weekly_hours IS NULL OR weekly_hours BETWEEN 1 AND 60", name="weekly_hours"),
        CheckConstraint(
            "status <> 'documents_requested' OR documents_due IS NOT NULL", name="deadline_when_requested"
        ),
        CheckConstraint("status <> 'reminded' OR reminder_due IS NOT NULL", name="deadline_when_reminded"),
        CheckConstraint(
            f"assessment_kind IS NULL OR {in_list('assessment_kind', ASSESSMENT_KINDS)}", name="assessment_kind"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("youth_office.id"), index=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"), index=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"), index=True)
    file_number: Mapped[str] = mapped_column(String(30), unique=True)
    cash_reference: Mapped[str] = mapped_column(String(30), unique=True)
    care_kind: Mapped[str] = mapped_column(String(20))
    weekly_hours: Mapped[int | None]
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(30), index=True)
    access_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    access_code_redeemed_at: Mapped[datetime | None]
    declaration_due: Mapped[date | None] = mapped_column(Date)
    documents_due: Mapped[date | None] = mapped_column(Date)
    documents_message: Mapped[str | None] = mapped_column(Text)
    reminder_due: Mapped[date | None] = mapped_column(Date)
    # The next date by which something must happen (a reply, proofs, the end of care); the worklist sorts by it.
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    status_since: Mapped[datetime] = mapped_column(default=utcnow)
    statute_id: Mapped[str | None] = mapped_column(String(100), index=True)  # of the first assessed month
    assessment_kind: Mapped[str | None] = mapped_column(String(20))  # of the notice in force
    reassess_from: Mapped[date | None] = mapped_column(Date)  # a change applies from here; earlier months stay
    final_check_year: Mapped[int | None]  # the calendar year the yearly final check is about
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    office: Mapped[YouthOffice] = relationship()
    facility: Mapped[Facility] = relationship()
    household: Mapped[Household] = relationship()
    child: Mapped[Child] = relationship()
    events: Mapped[list[CaseEvent]] = relationship(order_by="CaseEvent.id", back_populates="case")
    care_periods: Mapped[list[CarePeriod]] = relationship(order_by="CarePeriod.valid_from", back_populates="case")


class CarePeriod(Base):
    """The weekly hours booked from a date on; a change of hours adds a period from the first of a month."""

    __tablename__ = "care_period"
    __table_args__ = (UniqueConstraint("case_id", "valid_from"),
                      CheckConstraint("weekly_hours IS NULL OR weekly_hours BETWEEN 1 AND 60", name="weekly_hours"))

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("fee_case.id"), index=True)
    valid_from: Mapped[date] = mapped_column(Date)
    weekly_hours: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    case: Mapped[FeeCase] = relationship(back_populates="care_periods")


class CaseEvent(Base):
    """One recorded state change or act on a case: who, when, from, to, trigger, why."""

    __tablename__ = "case_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("fee_case.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    role: Mapped[str] = mapped_column(String(20))
    trigger: Mapped[str] = mapped_column(String(50))
    from_state: Mapped[str | None] = mapped_column(String(30))
    to_state: Mapped[str] = mapped_column(String(30))
    comment: Mapped[str | None] = mapped_column(Text)

    case: Mapped[FeeCase] = relationship(back_populates="events")
