"""The administration's record: who changed which account, facility or office, when, and what before and after."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow
from .user import User


class AuditEntry(Base):
    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_office_id_at", "office_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int | None] = mapped_column(ForeignKey("youth_office.id"))  # None: the provider's own
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))  # None: a command or the system
    at: Mapped[datetime] = mapped_column(default=utcnow)
    subject: Mapped[str] = mapped_column(String(20))  # user, facility, office
    subject_id: Mapped[int]
    action: Mapped[str] = mapped_column(String(40))  # e.g. "created", "deactivated", "role_changed"
    before: Mapped[str] = mapped_column(Text, default="{}")  # JSON of the changed fields
    after: Mapped[str] = mapped_column(Text, default="{}")

    actor: Mapped[User | None] = relationship()
