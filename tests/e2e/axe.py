"""axe-core in Debian's Chromium: load it into a page and list what it finds against WCAG 2.1 A and AA.

The app's Content-Security-Policy allows scripts only from its own origin (``script-src 'self'
'nonce-…'``), so an inline ``<script>`` with axe's source would be blocked. Instead of switching the
policy off, the browser context answers one made-up same-origin address with the file from
``node_modules/axe-core`` (a Playwright route: the request never reaches the app) and the page loads
it from there like any of its own scripts. The page is checked exactly as users get it, CSP included.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page

AXE_FILE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_PATH = "/__axe-core__/axe.min.js"  # answered by the route below, never by the app
TAGS = ["wcag2a", "wcag2aa", "wcag21aa"]

_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(rule => ({
    id: rule.id, impact: rule.impact, help: rule.help,
    nodes: rule.nodes.map(node => ({target: node.target.join(' '), html: node.html, summary: node.failureSummary})),
  }));
}"""


def source() -> str:
    """Return axe-core's script; skip without it on a workstation, fail in CI (``CI`` set)."""
    if not AXE_FILE.exists():
        message = (f"{AXE_FILE.relative_to(AXE_FILE.parents[2])} fehlt – 'npm ci' ausführen (oder 'make install'), "
                   "um die Barrierefreiheitstests auszuführen")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE_FILE.read_text(encoding="utf-8")


def serve(context: BrowserContext, script: str) -> None:
    """Let every page of ``context`` load axe from its own origin at ``AXE_PATH``."""
    context.route(f"**{AXE_PATH}", lambda route: route.fulfill(
        status=200, content_type="text/javascript; charset=utf-8", body=script))


def violations(page: Page) -> list[dict]:
    """Run axe on the page as it is now; return its violations of WCAG 2.0/2.1 level A and AA."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(url=AXE_PATH)
    return page.evaluate(_RUN, TAGS)


def report(found: dict[str, list[dict]]) -> str:
    """Describe the violations found on each page: rule, impact, what to do and the elements concerned."""
    lines = [f"axe-core findet Verstöße gegen WCAG 2.1 A/AA auf {len(found)} Seite(n):"]
    for where, rules in found.items():
        lines.append(f"\n== {where}")
        for rule in rules:
            lines.append(f"  - {rule['id']} ({rule['impact']}): {rule['help']}")
            for node in rule["nodes"]:
                lines.append(f"      {node['target']}")
                lines.append(f"        {node['html'][:160]}")
                for detail in (node["summary"] or "").splitlines()[1:3]:
                    lines.append(f"        {detail.strip()}")
    return "\n".join(lines)


class Audit:
    """Collect axe's findings page by page along a walk through the app, and judge them at the end."""

    def __init__(self) -> None:
        self.found: dict[str, list[dict]] = {}
        self.pages: list[str] = []

    def check(self, page: Page, name: str) -> None:
        self.pages.append(name)
        found = violations(page)
        if found:
            self.found[f"{name} – {page.url}"] = found

    def assert_no_violations(self) -> None:
        assert self.found == {}, report(self.found)
