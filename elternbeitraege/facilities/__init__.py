"""The facilities blueprint: the facility's children and admissions (``routes``), its case pages (``case_routes``)."""
from . import case_routes, routes  # noqa: F401  (importing them registers their pages)
from .blueprint import bp

__all__ = ["bp"]
