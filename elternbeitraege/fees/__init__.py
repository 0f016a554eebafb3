"""The fee engine: pure functions over statutes, care contracts and incomes (standard library only)."""
from .assessment import Assessment, Care, Income, MonthlyFee, assess, fee_free_from, hours_tier
from .month import Month
from .statute import Statute, StatuteError, format_euro, load_statute

__all__ = [
    "Assessment", "Care", "Income", "Month", "MonthlyFee", "Statute", "StatuteError",
    "assess", "fee_free_from", "format_euro", "hours_tier", "load_statute",
]
