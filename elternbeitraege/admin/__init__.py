"""The admin blueprint."""
from . import import_routes  # noqa: F401  (importing it registers its pages)
