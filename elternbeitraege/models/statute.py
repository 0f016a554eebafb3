"""Statute files an administrator imported, and which statute each youth office applies from when."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class StatuteFile(Base):
    """An imported statute file, kept as text; shipped statutes live in the package, not here."""

    __tablename__ = "statute_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    statute_id: Mapped[str] = mapped_column(String(100), unique=True)
    file_name: Mapped[str] = mapped_column(String(255))
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))  # None: on the command line


class OfficeStatute(Base):
    """One entry of an office's schedule: from ``valid_from`` on, the office applies this statute."""

    __tablename__ = "office_statute"
    __table_args__ = (UniqueConstraint("office_id", "statute_id", "valid_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("youth_office.id"), index=True)
    statute_id: Mapped[str] = mapped_column(String(100))
    valid_from: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))  # None: migration or command line
