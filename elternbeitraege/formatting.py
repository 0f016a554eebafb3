"""Formatting for pages (HTML only): what the Jinja filters of ``web.py`` do beyond the German words of
``services/kernel/labels.py``."""
from __future__ import annotations

from decimal import Decimal

from markupsafe import Markup, escape

from .services.kernel.labels import german_amount


def breakable(name: str) -> Markup:
    """Escape a name (a file's, an e-mail address) and let it wrap after its separators rather than inside a word."""
    return Markup("").join(escape(char) + (Markup("<wbr>") if char in "_.-@" else "") for char in name)


def euro(amount: Decimal) -> str:
    """Write an amount in euros for a page: ``1.234,50 €``."""
    return f"{german_amount(amount)} €"
