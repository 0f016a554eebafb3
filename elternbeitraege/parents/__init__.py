"""The parents blueprint: the self-assessment (``routes``),
reporting a change and accepting the highest fee (``change_routes``)."""
from . import change_routes, routes  # noqa: F401  (importing them registers their pages)
from .blueprint import bp

__all__ = ["bp"]
