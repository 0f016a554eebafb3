"""Issued documents (letters and notices) and the assessments behind notices; never changed once stored."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, LargeBinary, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, in_list, utcnow

DOCUMENT_KINDS = ("invitation", "fee_notice", "amending_notice", "reminder", "proof_request")
ASSESSMENT_KINDS = ("provisional", "final")


class AssessmentRecord(Base):
    __tablename__ = "assessment"
    __table_args__ = (CheckConstraint(in_list("kind", ASSESSMENT_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("fee_case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    statute_id: Mapped[str] = mapped_column(String(100))
    income_basis: Mapped[str] = mapped_column(String(300))
    months: Mapped[list] = mapped_column(JSON)
    total: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("assessment.id"))  # the assessment it amends
    reason: Mapped[str | None] = mapped_column(Text)  # why it was made: a change, the final check, a deadline


class Document(Base):
    __tablename__ = "document"
    __table_args__ = (CheckConstraint(in_list("kind", DOCUMENT_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("fee_case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessment.id"))
    filename: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))  # the notice an amending one replaces
    dated: Mapped[date | None] = mapped_column(Date)  # the date printed on the letter
