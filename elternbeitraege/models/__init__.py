"""Typed SQLAlchemy 2 models, one module per aggregate."""
from .base import Base, utcnow
from .declaration import Benefit, Declaration, IncomeChoice, IncomeCorrection, IncomeItem, Proof
from .document import AssessmentRecord, Document, NoticeBatch
from .fee_case import CarePeriod, CaseEvent, FeeCase
from .household import Child, Household
from .office import Facility, YouthOffice
from .statute import OfficeStatute, StatuteFile
from .user import Attempt, User

__all__ = [
    "AssessmentRecord", "Attempt", "Base", "Benefit", "CarePeriod", "CaseEvent", "Child", "Declaration", "Document",
    "Facility", "FeeCase", "Household", "IncomeChoice", "IncomeCorrection", "IncomeItem", "NoticeBatch",
    "OfficeStatute", "Proof", "StatuteFile", "User", "YouthOffice", "utcnow",
]
