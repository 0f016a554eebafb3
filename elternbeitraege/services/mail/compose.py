"""Composing an e-mail from its two templates, ``templates/mail/<kind>.txt`` and ``<kind>.html``.

A mail carries a link and what to do, never income, amounts or the notice itself; it is signed with the
office's name (the templates extend ``_base.txt`` / ``_base.html``, which sign it).
"""
from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .outbox import Mail

MAIL_TEMPLATES = Path(__file__).resolve().parents[3] / "templates" / "mail"


@functools.cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(MAIL_TEMPLATES), undefined=StrictUndefined, keep_trailing_newline=True,
                       autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False))


def compose(kind: str, to: str, subject: str, signature: str, **context: object) -> Mail:
    """Return the mail of this kind to one address; ``signature`` is the office's name (or the operator's)."""
    values = {"subject": subject, "signature": signature, **context}
    environment = _environment()
    text = environment.get_template(f"{kind}.txt").render(values)
    html = environment.get_template(f"{kind}.html").render(values)
    return Mail(kind=kind, to=to, subject=subject, text=text, html=html)
