"""The auth blueprint: sign in and registration (``routes``), setting and resetting passwords (``password_routes``)."""
from . import password_routes  # noqa: F401  (importing it registers its pages)
