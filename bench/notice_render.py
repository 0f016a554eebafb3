"""Benchmark: one fee notice through ``pdf.render_fee_notice`` against a bare WeasyPrint render of the same HTML.

Run: ``.venv/bin/python bench/notice_render.py [ROUNDS]``. One process, side by side, rounds alternating so
that both see the same machine; the figures are medians. *Ours* is the whole way from the context to the
archival PDF: the template filled, the JSON attachment built, the PDF/A-3b written with tags. *Bare* is
``weasyprint.HTML(string=html).write_pdf()`` of the finished HTML with its stylesheets inlined, WeasyPrint's
defaults otherwise (no PDF/A, no tags, no attachment). A third figure shows bare WeasyPrint with the same
PDF/A and tag options, to tell our own cost from WeasyPrint's.
"""
from __future__ import annotations

import statistics
import sys
import time

import weasyprint

from elternbeitraege.services.notices import samples
from pdf import render
from pdf.fetcher import asset_path, asset_url
from pdf.render import notice_context, render_fee_notice, render_html

TARGET = 1.3
SHEETS = ("letter.css", "fee_notice.css")


def finished_html(notice) -> str:
    """Return the notice's HTML with its stylesheets inlined: what WeasyPrint alone would be given."""
    html = render_html("fee_notice.html", notice.letter, doc=notice, **notice_context(notice))
    styles = "".join(f"<style>{asset_path(asset_url(name)).read_text(encoding='utf-8')}</style>" for name in SHEETS)
    return html.replace("</head>", f"{styles}</head>", 1)


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    notice = samples.sample("fee", samples.demo_office(), samples.CHILD.start)
    html = finished_html(notice)
    ours, bare, bare_archival = [], [], []
    for _ in range(3):  # warm up fonts, hyphenation dictionaries and caches for all three
        render_fee_notice(notice)
        weasyprint.HTML(string=html, url_fetcher=render.FETCHER).write_pdf()
    for _ in range(rounds):
        ours.append(timed(lambda: render_fee_notice(notice)))
        bare.append(timed(lambda: weasyprint.HTML(string=html, url_fetcher=render.FETCHER).write_pdf()))
        bare_archival.append(timed(lambda: weasyprint.HTML(string=html, url_fetcher=render.FETCHER).write_pdf(
            **render.PDF_OPTIONS)))
    ours_ms, bare_ms, archival_ms = (statistics.median(values) * 1000 for values in (ours, bare, bare_archival))
    ratio = ours_ms / bare_ms
    print(f"one fee notice, {rounds} rounds, medians:")
    print(f"  ours (context -> PDF/A-3b, tags, JSON attachment): {ours_ms:6.1f} ms")
    print(f"  bare WeasyPrint, same HTML, defaults:               {bare_ms:6.1f} ms")
    print(f"  bare WeasyPrint, same HTML, PDF/A-3b and tags:      {archival_ms:6.1f} ms")
    print(f"ratio ours / bare: {ratio:.2f} (target <= {TARGET}) -> {'met' if ratio <= TARGET else 'MISSED'}")


if __name__ == "__main__":
    main()
