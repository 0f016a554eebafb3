"""The parents' self-assessment of a case: household, incomes, benefit, SEPA mandate, proofs."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import CheckConstraint, Date, ForeignKey, LargeBinary, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, in_list, utcnow
from .fee_case import FeeCase


class Benefit(StrEnum):
    """The social benefit a household receives (``NONE``: none of them); it can make the fee free."""

    NONE = "none"
    BUERGERGELD = "buergergeld"
    SOZIALHILFE = "sozialhilfe"
    ASYLBLG = "asylblg"
    KINDERZUSCHLAG = "kinderzuschlag"
    WOHNGELD = "wohngeld"


class IncomeChoice(StrEnum):
    """Whether the parents declare their income or accept the highest fee without declaring it."""

    DECLARE = "declare"
    HIGHEST = "highest"


BENEFITS = tuple(Benefit)
INCOME_KINDS = ("employment", "self_employment", "income_replacement", "other")
INCOME_CHOICES = tuple(IncomeChoice)
LIVES_WITH = ("both", "one")
PROOF_KINDS = ("income", "benefit", "other")


class Declaration(Base):
    __tablename__ = "declaration"
    __table_args__ = (
        CheckConstraint(f"benefit IS NULL OR {in_list('benefit', BENEFITS)}", name="benefit"),
        CheckConstraint(f"income_choice IS NULL OR {in_list('income_choice', INCOME_CHOICES)}", name="income"),
        CheckConstraint(f"lives_with IS NULL OR {in_list('lives_with', LIVES_WITH)}", name="lives_with"),
        # A benefit period belongs to a declared benefit; an end needs its beginning and does not lie before it.
        CheckConstraint(
            "(benefit_from IS NULL AND benefit_until IS NULL) OR (benefit IS NOT NULL AND benefit <> 'none')",
            name="benefit_period"),
        CheckConstraint("benefit_until IS NULL OR (benefit_from IS NOT NULL AND benefit_until >= benefit_from)",
                        name="benefit_until"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("fee_case.id"), unique=True)
    child_confirmed: Mapped[bool] = mapped_column(default=False)
    lives_with: Mapped[str | None] = mapped_column(String(10))
    other_parent_first_name: Mapped[str | None] = mapped_column(String(100))
    other_parent_last_name: Mapped[str | None] = mapped_column(String(100))
    benefit: Mapped[str | None] = mapped_column(String(20))
    # The months the benefit notice covers, each as its first day: from ``benefit_from`` to ``benefit_until``
    # inclusive; no end is "bis auf Weiteres"; neither (declarations from before the period was asked) is every month.
    benefit_from: Mapped[date | None] = mapped_column(Date)
    benefit_until: Mapped[date | None] = mapped_column(Date)
    income_choice: Mapped[str | None] = mapped_column(String(10))
    income_year: Mapped[int | None]
    incomes_done: Mapped[bool] = mapped_column(default=False)
    proofs_done: Mapped[bool] = mapped_column(default=False)
    account_holder: Mapped[str | None] = mapped_column(String(140))
    iban: Mapped[str | None] = mapped_column(String(34))
    mandate_reference: Mapped[str | None] = mapped_column(String(35))
    mandate_agreed_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime | None]

    case: Mapped[FeeCase] = relationship()
    incomes: Mapped[list[IncomeItem]] = relationship(
        cascade="all, delete-orphan", order_by="(IncomeItem.person, IncomeItem.kind)"
    )
    corrections: Mapped[list[IncomeCorrection]] = relationship(
        cascade="all, delete-orphan", order_by="IncomeCorrection.id"
    )


class IncomeItem(Base):
    __tablename__ = "income_item"
    __table_args__ = (
        CheckConstraint(in_list("kind", INCOME_KINDS), name="kind"),
        CheckConstraint("person IN (1, 2)", name="person"),
        CheckConstraint("amount >= 0", name="amount"),
        CheckConstraint("corrected_amount IS NULL OR corrected_amount >= 0", name="corrected_amount"),
        CheckConstraint("(corrected_amount IS NULL) = (correction_reason IS NULL)", name="correction_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("declaration.id"), index=True)
    person: Mapped[int]
    kind: Mapped[str] = mapped_column(String(30))
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))  # as the parents declared it
    # The office's figure where it corrected the parents' one (e.g. from the tax assessment), and why.
    corrected_amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    correction_reason: Mapped[str | None] = mapped_column(Text)


class IncomeCorrection(Base):
    """One correction of a declared income figure by the office: which item, before, after, why, who, when."""

    __tablename__ = "income_correction"
    __table_args__ = (
        CheckConstraint(in_list("kind", INCOME_KINDS), name="kind"),
        CheckConstraint("person IN (1, 2)", name="person"),
        CheckConstraint("amount_before >= 0 AND amount_after >= 0", name="amounts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("declaration.id"), index=True)
    person: Mapped[int]
    kind: Mapped[str] = mapped_column(String(30))
    declared: Mapped[Decimal] = mapped_column(Numeric(12, 2))  # the parents' figure
    amount_before: Mapped[Decimal] = mapped_column(Numeric(12, 2))  # the figure in force until this correction
    amount_after: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class Proof(Base):
    """An uploaded proof; the bytes live in the database, never in a static folder."""

    __tablename__ = "proof"
    __table_args__ = (CheckConstraint(in_list("kind", PROOF_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("fee_case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    original_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(50))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
