"""The URL fetcher serves our own assets and data: URLs, and refuses everything else."""

from __future__ import annotations

import pytest
from weasyprint.urls import FatalURLFetchingError

from pdf.fetcher import AssetOnlyFetcher, ForbiddenURLError, asset_url
from pdf.render import html_to_pdf


@pytest.fixture
def fetcher() -> AssetOnlyFetcher:
    return AssetOnlyFetcher()


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "FILE:///etc/passwd",
    "http://127.0.0.1/",
    "https://example.org/logo.png",
    "ftp://example.org/x",
    "//example.org/x",
    "/etc/passwd",
    "letter.css",
    "pdf-asset:../render.py",
    "pdf-asset:..",
    "pdf-asset:/etc/passwd",
    "pdf-asset:%2e%2e/render.py",
    "pdf-asset:missing.css",
    "pdf-asset://host/letter.css",
    "javascript:alert(1)",
])
def test_fetcher_refuses_files_network_and_unknown_urls(fetcher: AssetOnlyFetcher, url: str) -> None:
    with pytest.raises(ForbiddenURLError):
        fetcher(url)


def test_fetcher_serves_a_stylesheet_of_the_static_folder(fetcher: AssetOnlyFetcher) -> None:
    response = fetcher(asset_url("letter.css"))
    assert response.content_type == "text/css"
    assert b"@page" in response.read()
    response.close()


def test_fetcher_decodes_data_urls(fetcher: AssetOnlyFetcher) -> None:
    response = fetcher("data:text/plain;base64,SGFsbG8=")
    assert response.read() == b"Hallo"
    response.close()


@pytest.mark.parametrize("markup", [
    '<img src="file:///etc/passwd">',
    '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">',
    '<p style="background: url(https://example.org/track.png)">x</p>',
])
def test_rendering_stops_when_markup_asks_for_a_forbidden_url(markup: str) -> None:
    with pytest.raises(FatalURLFetchingError):
        html_to_pdf(f"<!DOCTYPE html><html lang='de'><body>{markup}</body></html>")
