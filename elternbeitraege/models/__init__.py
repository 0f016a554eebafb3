"""Typed SQLAlchemy 2 models, one module per aggregate."""
from .audit import AuditEntry
from .base import Base, utcnow
from .declaration import Benefit, Declaration, IncomeChoice, IncomeCorrection, IncomeItem, Proof
from .document import AssessmentRecord, Document, NoticeBatch
from .fee_case import CarePeriod, CaseEvent, FeeCase
from .household import Child, Household
from .mail import OutboxMessage
from .office import Facility, YouthOffice
from .statute import OfficeStatute, StatuteFile
from .user import AccountLink, Attempt, User

__all__ = [
    "AccountLink", "AssessmentRecord", "Attempt", "AuditEntry", "Base", "Benefit", "CarePeriod", "CaseEvent",
    "Child", "Declaration", "Document", "Facility", "FeeCase", "Household", "IncomeChoice", "IncomeCorrection",
    "IncomeItem", "NoticeBatch", "OfficeStatute", "OutboxMessage", "Proof", "StatuteFile", "User", "YouthOffice",
    "utcnow",
]
