"""The provider blueprint: the operator's console of the installation — youth offices, their statutes and
administrators (``routes``). No families, cases or documents."""
from . import routes  # noqa: F401  (importing it registers its pages)
from .blueprint import bp

__all__ = ["bp"]
