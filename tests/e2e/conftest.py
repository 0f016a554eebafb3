"""Fixtures of the browser tests: Debian's Chromium driven by Playwright, and the app on a live local server."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import WSGIRequestHandler, make_server

from elternbeitraege import db
from elternbeitraege.services import demo as seed
from tests.conftest import TODAY

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 10_000  # fail fast instead of waiting Playwright's default 30 s per step


@pytest.fixture(scope="session")
def browser():
    """Start headless Chromium once for all browser tests.

    Without /usr/bin/chromium the tests are skipped on a workstation, but fail in CI (``CI`` set),
    so that a broken CI image cannot hide them.
    """
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} fehlt – Debian-Paket 'chromium' installieren, um die Browsertests auszuführen"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def live_settings() -> dict:
    """Return extra settings for the live server's app; a test module may override this fixture."""
    return {}


@pytest.fixture
def request_log() -> list[str]:
    """Return the request lines ("GET /path?query HTTP/1.1") the live server received, as its access log holds them."""
    return []


@pytest.fixture
def live_server(make_app, live_settings, request_log):
    """Serve a fresh app with real CSRF on 127.0.0.1 and a free port; yield its base URL.

    The port is known only once the socket is bound, but the app needs it as PUBLIC_URL (the link and
    QR code in the invitation letter). So the server is bound first and handed the app before it starts.
    """
    server = make_server("127.0.0.1", 0, _not_ready, threaded=True, request_handler=_QuietRequestHandler)
    server.request_log = request_log
    try:
        base_url = LiveServer(f"http://127.0.0.1:{server.server_port}")
        app = make_app(WTF_CSRF_ENABLED=True, PUBLIC_URL=base_url, **live_settings)
        base_url.app = app
        with app.app_context():
            seed.seed_demo(db.session(), app.config["PUBLIC_URL"], TODAY)
        server.app = app
        thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
        thread.start()
        try:
            yield base_url
        finally:
            server.shutdown()
            thread.join(timeout=10)
    finally:
        server.server_close()


class LiveServer(str):
    """The live server's base URL, which also knows the app it serves (for ``flask`` commands a test runs)."""

    app: Flask


class _QuietRequestHandler(WSGIRequestHandler):
    """Keep the access log line of every request for the test instead of printing it; errors are still logged."""

    def log_request(self, code="-", size="-") -> None:
        self.server.request_log.append(self.requestline)


def _not_ready(_environ, start_response):
    start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
    return [b"not ready"]


@pytest.fixture
def new_page(browser, live_server):
    """Return a function that opens a page in a context of its own (own cookies), one per role."""
    contexts = []

    def open_page():
        context = browser.new_context(base_url=live_server, locale="de-DE", accept_downloads=True)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
