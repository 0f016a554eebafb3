"""The admin blueprint: the office administrator's pages — statutes, workflow and letterhead (``routes``), the
office's facilities (``facility_routes``), its accounts and the administration's record (``account_routes``), moving
in from the old system (``import_routes``)."""
from . import account_routes, facility_routes, import_routes, routes  # noqa: F401  (importing them registers pages)
from .blueprint import bp

__all__ = ["bp"]
