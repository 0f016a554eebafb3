"""Render documents: a sandboxed, autoescaping Jinja2 environment writes HTML, WeasyPrint the PDF.

The environment, the parsed stylesheets and the font configuration are built once at import; a
render only fills a template and lays it out. Every document is an archival PDF/A-3b, tagged for
screen readers; a notice carries its assessment as an embedded JSON file.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from datetime import datetime, time
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from weasyprint import CSS, HTML, Attachment
from weasyprint.text.fonts import FontConfiguration

from . import archive
from .context import (
    AmendingNotice,
    FacilityNotice,
    FeeNotice,
    InvitationLetter,
    Letter,
    Office,
    ProofRequest,
    Reminder,
)
from .fetcher import AssetOnlyFetcher, asset_url
from .formatting import bind_units, date_de, hours_de, money, month_de, month_end, paragraphs
from .hyphenation import install_german
from .images import image_type
from .qr import qr_data_url

TEMPLATE_DIR = Path(__file__).parent / "templates"
FETCHER = AssetOnlyFetcher()
FONTS = FontConfiguration()
# PDF/A-3b keeps the notice readable for decades and allows the JSON attachment; the tags let
# screen readers follow headings, lists and tables (BITV 2.0) — as far as WeasyPrint tags them.
PDF_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/a-3b", "pdf_tags": True}
install_german()


def _environment() -> SandboxedEnvironment:
    """Build the template environment: every value is escaped, unknown names are errors."""
    env = SandboxedEnvironment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(money=money, date=date_de, month=month_de, hours=hours_de, paragraphs=paragraphs)
    return env


def _stylesheets(*names: str) -> tuple[CSS, ...]:
    """Parse stylesheets of ``pdf/static/`` through the asset fetcher."""
    return tuple(CSS(url=asset_url(name), url_fetcher=FETCHER) for name in names)


ENV = _environment()
INVITATION_CSS = _stylesheets("letter.css", "invitation.css")
FEE_NOTICE_CSS = _stylesheets("letter.css", "fee_notice.css")
AMENDING_NOTICE_CSS = _stylesheets("letter.css", "fee_notice.css", "amending_notice.css")
REQUEST_CSS = _stylesheets("letter.css", "request.css")
FACILITY_CSS = _stylesheets("letter.css", "facility_notice.css")


def logo_src(office: Office) -> str | None:
    """Return the office's logo as a ``data:`` URL, or None when it has none or it is no intact PNG or JPEG."""
    if not office.logo:
        return None
    media_type = image_type(office.logo)
    if media_type is None:
        return None
    return f"data:{media_type};base64,{base64.b64encode(office.logo).decode('ascii')}"


def render_html(template: str, letter: Letter, **context: Any) -> str:
    """Fill a template of ``pdf/templates/`` with a letter, its office and the given context."""
    html = ENV.get_template(template).render(
        letter=letter, office=letter.office, logo_src=logo_src(letter.office), **context)
    # A space between a digit and a unit, or after "§", never occurs in markup, so this is safe.
    return bind_units(html)


def html_to_pdf(html: str, stylesheets: tuple[CSS, ...] = (), attachment: tuple[str, bytes] | None = None,
                dated: datetime | None = None) -> bytes:
    """Lay out HTML as an archival PDF; only our assets and ``data:`` URLs may be fetched.

    ``attachment`` is a file name and its content, embedded as the document's data;
    ``dated`` is the time the attachment bears (default: now).
    """
    attachments = []
    if attachment is not None:
        name, content = attachment
        attachments.append(Attachment(file_obj=io.BytesIO(content), name=name, relationship="Data",
                                      description="Maschinenlesbare Fassung dieses Dokuments",
                                      created=dated, modified=dated, url_fetcher=FETCHER))
    document = HTML(string=html, url_fetcher=FETCHER)
    written: bytes = document.write_pdf(stylesheets=list(stylesheets), attachments=attachments, font_config=FONTS,
                                        **PDF_OPTIONS)
    return written


def _noon(letter: Letter) -> datetime:
    """Return the time an attachment bears: the letter's date, so the same notice gives the same bytes."""
    return datetime.combine(letter.date, time(12))


def addressee_names(letter: Letter) -> tuple[str, ...]:
    """Return the name lines of the address block: all lines before street and city."""
    lines = letter.recipient_lines
    return lines[:-2] if len(lines) > 2 else lines[:1]


def render_invitation(doc: InvitationLetter) -> bytes:
    """Render the invitation to declare the household income as PDF."""
    html = render_html("invitation.html", doc.letter, doc=doc, qr_src=qr_data_url(doc.declaration_url))
    return html_to_pdf(html, INVITATION_CSS)


def notice_context(notice: FeeNotice) -> dict[str, Any]:
    """Return what the fee notice's partials read besides the notice: addressees and period."""
    months = [fee_month.month for fee_month in notice.months]
    return {
        "names": addressee_names(notice.letter),
        "period_start": min(months) if months else None,
        "period_end": month_end(max(months)) if months else None,
    }


def render_fee_notice(doc: FeeNotice) -> bytes:
    """Render a provisional or final fee notice as PDF, with its assessment attached as JSON."""
    html = render_html("fee_notice.html", doc.letter, doc=doc, **notice_context(doc))
    data = archive.to_json(archive.fee_notice_data(doc))
    return html_to_pdf(html, FEE_NOTICE_CSS, (archive.ATTACHMENT_NAME, data), _noon(doc.letter))


def render_amending_notice(doc: AmendingNotice) -> bytes:
    """Render an amending notice: the new assessment and the recalculation against the old one."""
    html = render_html("amending_notice.html", doc.notice.letter, doc=doc, **notice_context(doc.notice))
    data = archive.to_json(archive.amending_notice_data(doc))
    return html_to_pdf(html, AMENDING_NOTICE_CSS, (archive.ATTACHMENT_NAME, data), _noon(doc.notice.letter))


def render_reminder(doc: Reminder) -> bytes:
    """Render the reminder that the income declaration is overdue as PDF."""
    return html_to_pdf(render_html("reminder.html", doc.letter, doc=doc), REQUEST_CSS)


def render_proof_request(doc: ProofRequest) -> bytes:
    """Render the request for missing proofs of income as PDF."""
    return html_to_pdf(render_html("proof_request.html", doc.letter, doc=doc), REQUEST_CSS)


def render_facility_notice(doc: FacilityNotice) -> bytes:
    """Render the notification that the fee cases of a facility's children are settled."""
    if not doc.children:
        raise ValueError("a facility notice names at least one child")
    html = render_html("facility_notice.html", doc.letter, doc=doc)
    data = archive.to_json(archive.facility_notice_data(doc))
    return html_to_pdf(html, FACILITY_CSS, (archive.FACILITY_ATTACHMENT_NAME, data), _noon(doc.letter))


RENDERERS: dict[type, Callable[[Any], bytes]] = {
    FeeNotice: render_fee_notice,
    AmendingNotice: render_amending_notice,
    InvitationLetter: render_invitation,
    Reminder: render_reminder,
    ProofRequest: render_proof_request,
    FacilityNotice: render_facility_notice,
}


def render_document(doc: Any) -> bytes:
    """Render any document context with the renderer of its kind."""
    try:
        renderer = RENDERERS[type(doc)]
    except KeyError:
        raise TypeError(f"no renderer for {type(doc).__name__}") from None
    return renderer(doc)
