"""Document rendering: plain context dataclasses in, PDF bytes out.

Each document has its own HTML template (``templates/``) and stylesheet (``static/``),
rendered by WeasyPrint. This package imports nothing of the application.
"""

from .context import (
    AmendingNotice,
    DifferenceMonth,
    FacilityChild,
    FacilityNotice,
    FeeMonth,
    FeeNotice,
    InvitationLetter,
    Letter,
    Office,
    ProofRequest,
    Reminder,
)
from .qr import qr_svg
from .render import (
    render_amending_notice,
    render_document,
    render_facility_notice,
    render_fee_notice,
    render_invitation,
    render_proof_request,
    render_reminder,
)

__all__ = [
    "AmendingNotice", "DifferenceMonth", "FacilityChild", "FacilityNotice", "FeeMonth", "FeeNotice",
    "InvitationLetter", "Letter", "Office", "ProofRequest", "Reminder",
    "qr_svg", "render_amending_notice", "render_document", "render_facility_notice", "render_fee_notice",
    "render_invitation", "render_proof_request", "render_reminder",
]
