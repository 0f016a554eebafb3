"""Issued documents (letters and notices), the assessments behind notices and the batches that issue many at once.

A document is never changed once stored; a correction is a new notice that references the old one.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, LargeBinary, Numeric, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, in_list, utcnow

DOCUMENT_KINDS = ("invitation", "fee_notice", "amending_notice", "reminder", "proof_request", "facility_notice")
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
    highest_reason: Mapped[str | None] = mapped_column(String(200))  # set: the highest fee applies, and why


class NoticeBatch(Base):
    """One run of issuing the due notices of an office at once; a run that stopped is resumed, not repeated."""

    __tablename__ = "notice_batch"
    __table_args__ = (
        CheckConstraint(f"assessment_kind IS NULL OR {in_list('assessment_kind', ASSESSMENT_KINDS)}",
                        name="assessment_kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("youth_office.id"), index=True)
    year: Mapped[int | None]  # only notices whose months fall in this calendar year
    assessment_kind: Mapped[str | None] = mapped_column(String(20))  # only provisional or only final ones
    dated: Mapped[date] = mapped_column(Date)  # the date the notices bear
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    issued: Mapped[int] = mapped_column(default=0)
    print_file: Mapped[str | None] = mapped_column(String(500))  # the merged file for postal dispatch
    print_sha256: Mapped[str | None] = mapped_column(String(64))


class Document(Base):
    __tablename__ = "document"
    __table_args__ = (
        CheckConstraint(in_list("kind", DOCUMENT_KINDS), name="kind"),
        CheckConstraint("case_id IS NOT NULL OR facility_id IS NOT NULL", name="addressed"),
        # A batch writes one notification per facility, even when two runs resume it at once.
        Index("uq_document_batch_facility_notice", "batch_id", "facility_id", unique=True,
              sqlite_where=text("kind = 'facility_notice'"), postgresql_where=text("kind = 'facility_notice'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("fee_case.id"), index=True)
    facility_id: Mapped[int | None] = mapped_column(ForeignKey("facility.id"), index=True)  # a facility's letter
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("notice_batch.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    # A notice is issued once per assessment: a second one for the same assessment cannot be stored.
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessment.id"), unique=True)
    filename: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))  # the notice an amending one replaces
    dated: Mapped[date | None] = mapped_column(Date)  # the date printed on the letter
