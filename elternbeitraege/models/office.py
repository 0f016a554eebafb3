"""Youth offices (tenants) and the facilities that report to them."""
from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, in_list

CARE_KINDS = ("kita", "childminder", "ogs")


class YouthOffice(Base):
    __tablename__ = "youth_office"

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
    declaration_days: Mapped[int] = mapped_column(default=28)

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

    office: Mapped[YouthOffice] = relationship(back_populates="facilities")
