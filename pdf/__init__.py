"""Document rendering: plain context dataclasses in, PDF bytes out.

Each document has its own HTML template (``templates/``) and stylesheet (``static/``),
rendered by WeasyPrint. This package imports nothing of the application.
"""

from .context import FeeMonth, FeeNotice, InvitationLetter, Letter, Office
from .qr import qr_svg
from .render import render_fee_notice, render_invitation

__all__ = [
    "FeeMonth", "FeeNotice", "InvitationLetter", "Letter", "Office",
    "qr_svg", "render_fee_notice", "render_invitation",
]
