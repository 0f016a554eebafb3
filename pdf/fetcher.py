"""A WeasyPrint URL fetcher that serves our own assets and ``data:`` URLs, and nothing else.

HTML that slips into a template could otherwise make WeasyPrint read local files
(``file:///etc/passwd``) or reach internal hosts. Assets are addressed as ``pdf-asset:name``
and served from ``pdf/static/`` only; every other scheme is refused.
"""

from __future__ import annotations

import mimetypes
import re
from pathlib import Path

from weasyprint.urls import URLFetcher, URLFetcherResponse

STATIC_DIR = (Path(__file__).parent / "static").resolve()
ASSET_SCHEME = "pdf-asset"
_ASSET_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


class ForbiddenURLError(ValueError):
    """Raised for a URL the PDF renderer must not fetch."""


def asset_url(name: str) -> str:
    """Return the URL under which the fetcher serves a file of ``pdf/static/``."""
    return f"{ASSET_SCHEME}:{name}"


def asset_path(url: str) -> Path:
    """Return the file inside ``pdf/static/`` that an asset URL names, or raise."""
    name = url[len(ASSET_SCHEME) + 1:]
    if not _ASSET_NAME.fullmatch(name) or ".." in name:
        raise ForbiddenURLError(f"invalid asset name: {name!r}")
    path = (STATIC_DIR / name).resolve()
    if path.parent != STATIC_DIR or not path.is_file():
        raise ForbiddenURLError(f"no such asset: {name!r}")
    return path


class AssetOnlyFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
    """Fetch ``pdf-asset:`` and ``data:`` URLs; refuse files, network and everything else."""

    def __init__(self) -> None:
        # fail_on_errors: a refused URL stops the rendering instead of a silently
        # incomplete document (WeasyPrint would otherwise only log and go on).
        super().__init__(allowed_protocols=("data",), allow_redirects=False, fail_on_errors=True)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        """Return the asset or decoded ``data:`` URL; raise ForbiddenURLError otherwise."""
        scheme = url.partition(":")[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == ASSET_SCHEME and url.startswith(ASSET_SCHEME + ":"):
            path = asset_path(url)
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime_type})
        raise ForbiddenURLError(f"URL refused by the PDF renderer: {url[:80]!r}")
