"""The workflow as a picture for the administrator's page: the definition's DOT text drawn by Graphviz.

Drawn with ``dot -Tsvg`` once per process; without Graphviz (or when it fails) the page shows the table and
the Mermaid text only.
"""
from __future__ import annotations

import functools
import logging
import re
import subprocess

from workflows.diagram import dot

log = logging.getLogger(__name__)

DOT_COMMAND = "dot"
DOT_TIMEOUT_SECONDS = 10
PICTURE_LABEL = "Ablaufdiagramm der Beitragsfälle: Status als Kästen, Auslöser als beschriftete Pfeile"


def picture() -> str | None:
    """Return the workflow as inline SVG, drawn once per process, or None when Graphviz is missing or fails."""
    return _svg(DOT_COMMAND, dot())


@functools.cache
def _svg(command: str, source: str) -> str | None:
    try:
        result = subprocess.run([command, "-Tsvg"], input=source.encode("utf-8"), capture_output=True,
                                timeout=DOT_TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        log.warning("workflow picture not drawn: %s", error)
        return None
    if result.returncode != 0:
        log.warning("workflow picture not drawn: %s exited with %s: %s", command, result.returncode,
                    result.stderr.decode("utf-8", "replace")[:500])
        return None
    return inline_svg(result.stdout.decode("utf-8"), PICTURE_LABEL)


def inline_svg(svg: str, label: str) -> str | None:
    """Return Graphviz's SVG ready to sit in a page: no prolog, doctype or comments; an image with a name."""
    start = svg.find("<svg")
    if start < 0 or re.search(r"\sstyle\s*=|<script|<style|\son\w+\s*=", svg, re.IGNORECASE):
        log.warning("workflow picture refused: not a plain SVG (scripts or inline styles break the CSP)")
        return None
    body = re.sub(r"<!--.*?-->\s*", "", svg[start:], flags=re.DOTALL).strip()
    escaped = label.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return body.replace("<svg", f'<svg role="img" aria-label="{escaped}" focusable="false"', 1)
