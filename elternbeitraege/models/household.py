"""Households (the parents liable to pay) and their children."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base
from .office import YouthOffice


class Household(Base):
    __tablename__ = "household"

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("youth_office.id"), index=True)
    parent1_first_name: Mapped[str] = mapped_column(String(100))
    parent1_last_name: Mapped[str] = mapped_column(String(100))
    parent2_first_name: Mapped[str | None] = mapped_column(String(100))
    parent2_last_name: Mapped[str | None] = mapped_column(String(100))
    street: Mapped[str] = mapped_column(String(200))
    postcode: Mapped[str] = mapped_column(String(5))
    city: Mapped[str] = mapped_column(String(100))

    office: Mapped[YouthOffice] = relationship()
    children: Mapped[list[Child]] = relationship(back_populates="household")

    @property
    def parent_names(self) -> tuple[str, ...]:
        first = f"{self.parent1_first_name} {self.parent1_last_name}"
        if not self.parent2_last_name:
            return (first,)
        return (first, f"{self.parent2_first_name} {self.parent2_last_name}")

    @property
    def address_lines(self) -> tuple[str, ...]:
        return (*self.parent_names, self.street, f"{self.postcode} {self.city}")


class Child(Base):
    __tablename__ = "child"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    birth_date: Mapped[date] = mapped_column(Date)

    household: Mapped[Household] = relationship(back_populates="children")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"
