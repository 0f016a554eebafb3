"""Youth offices (tenants) and the facilities that report to them."""
from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, in_list

CARE_KINDS = ("kita", "childminder", "ogs")


class YouthOffice(Base):
    __tablename__ = "youth_office"
    __table_args__ = (
        CheckConstraint("declaration_days BETWEEN 7 AND 90", name="declaration_days"),
        CheckConstraint("reminder_days BETWEEN 7 AND 90", name="reminder_days"),
        CheckConstraint("documents_days BETWEEN 7 AND 90", name="documents_days"),
        CheckConstraint("final_check_month BETWEEN 1 AND 12", name="final_check_month"),
        CheckConstraint("deadline_max_months BETWEEN 1 AND 12", name="deadline_max_months"),
        CheckConstraint("final_check_after_months BETWEEN 0 AND 11", name="final_check_after_months"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    street: Mapped[str] = mapped_column(String(200))
    postcode_city: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(50))
    email: Mapped[str] = mapped_column(String(200))
    website: Mapped[str] = mapped_column(String(200))
    court_name: Mapped[str] = mapped_column(String(200))
    court_address: Mapped[str] = mapped_column(String(200))
    dpo_contact: Mapped[str] = mapped_column(String(300))
    bank_name: Mapped[str] = mapped_column(String(200))
    iban: Mapped[str] = mapped_column(String(34))
    bic: Mapped[str] = mapped_column(String(11))
    creditor_id: Mapped[str] = mapped_column(String(35))
    contact_person: Mapped[str] = mapped_column(String(200), default="Team Elternbeiträge")  # letters' contact
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)  # PNG or JPEG for the letterhead
    # The office's variants of the workflow (set by its administrator).
    declaration_days: Mapped[int] = mapped_column(default=28)  # invitation → reply by
    reminder_days: Mapped[int] = mapped_column(default=14)  # reminder → reply by, then the highest fee
    documents_days: Mapped[int] = mapped_column(default=28)  # proof requests and the yearly final check
    proofs_before_provisional: Mapped[bool] = mapped_column(default=False)
    final_check_month: Mapped[int] = mapped_column(default=4)  # from this month, last year's provisional cases
    deadline_max_months: Mapped[int] = mapped_column(default=3)  # no deadline further ahead than this
    final_check_after_months: Mapped[int] = mapped_column(default=3)  # after an income year's end, before its check
    # A deactivated office's users cannot sign in; its data stays.
    active: Mapped[bool] = mapped_column(default=True)

    facilities: Mapped[list[Facility]] = relationship(back_populates="office", order_by="Facility.name")


class Facility(Base):
    __tablename__ = "facility"
    __table_args__ = (CheckConstraint(in_list("care_kind", CARE_KINDS), name="care_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("youth_office.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    care_kind: Mapped[str] = mapped_column(String(20))
    street: Mapped[str] = mapped_column(String(200))
    postcode_city: Mapped[str] = mapped_column(String(200))
    number: Mapped[str] = mapped_column(String(30), default="")  # the state's facility number, as given
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    contact_phone: Mapped[str] = mapped_column(String(50), default="")
    # A deactivated facility reports no new children and its accounts cannot sign in; its open cases stay visible.
    active: Mapped[bool] = mapped_column(default=True)

    office: Mapped[YouthOffice] = relationship(back_populates="facilities")
