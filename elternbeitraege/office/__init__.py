"""The office blueprint: the clerk's desk (``routes``), the case pages (``case_routes``),
the income correction (``correction_routes``)."""
from . import case_routes, correction_routes, routes  # noqa: F401  (importing them registers their pages)
from .blueprint import bp

__all__ = ["bp"]
