"""Render documents: a sandboxed, autoescaping Jinja2 environment writes HTML, WeasyPrint the PDF.

The environment and the parsed stylesheets are built once at import; a render only fills a
template and lays it out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from weasyprint import CSS, HTML

from .context import AmendingNotice, FeeNotice, InvitationLetter, Letter, ProofRequest, Reminder
from .fetcher import AssetOnlyFetcher, asset_url
from .formatting import date_de, hours_de, money, month_de, month_end, paragraphs
from .qr import qr_data_url

TEMPLATE_DIR = Path(__file__).parent / "templates"
FETCHER = AssetOnlyFetcher()
# Tagged PDF: screen readers can follow headings, lists and tables (BITV 2.0).
PDF_OPTIONS: dict[str, Any] = {"pdf_tags": True}


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


def render_html(template: str, **context: Any) -> str:
    """Fill a template of ``pdf/templates/`` with the given context."""
    html = ENV.get_template(template).render(**context)
    # Keep "§ 90" together on one line; "§ " never occurs in markup, so this is safe.
    return html.replace("§ ", "§\u00a0")


def html_to_pdf(html: str, stylesheets: tuple[CSS, ...] = ()) -> bytes:
    """Lay out HTML as PDF; only our assets and ``data:`` URLs may be fetched."""
    document = HTML(string=html, url_fetcher=FETCHER)
    return document.write_pdf(stylesheets=list(stylesheets), **PDF_OPTIONS)


def addressee_names(letter: Letter) -> tuple[str, ...]:
    """Return the name lines of the address block: all lines before street and city."""
    lines = letter.recipient_lines
    return lines[:-2] if len(lines) > 2 else lines[:1]


def render_invitation(doc: InvitationLetter) -> bytes:
    """Render the invitation to declare the household income as PDF."""
    html = render_html(
        "invitation.html", doc=doc, letter=doc.letter, office=doc.letter.office,
        qr_src=qr_data_url(doc.declaration_url),
    )
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
    """Render a provisional or final fee notice as PDF."""
    html = render_html(
        "fee_notice.html", doc=doc, letter=doc.letter, office=doc.letter.office, **notice_context(doc),
    )
    return html_to_pdf(html, FEE_NOTICE_CSS)


def render_amending_notice(doc: AmendingNotice) -> bytes:
    """Render an amending notice: the new assessment and the recalculation against the old one."""
    letter = doc.notice.letter
    html = render_html(
        "amending_notice.html", doc=doc, letter=letter, office=letter.office, **notice_context(doc.notice),
    )
    return html_to_pdf(html, AMENDING_NOTICE_CSS)


def render_reminder(doc: Reminder) -> bytes:
    """Render the reminder that the income declaration is overdue as PDF."""
    html = render_html("reminder.html", doc=doc, letter=doc.letter, office=doc.letter.office)
    return html_to_pdf(html, REQUEST_CSS)


def render_proof_request(doc: ProofRequest) -> bytes:
    """Render the request for missing proofs of income as PDF."""
    html = render_html("proof_request.html", doc=doc, letter=doc.letter, office=doc.letter.office)
    return html_to_pdf(html, REQUEST_CSS)
