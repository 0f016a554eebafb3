"""The idle timeout warns in an accessible dialog and lets the user stay signed in without losing entries."""
from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from elternbeitraege.services.demo import DEMO_PASSWORD
from tests.e2e import steps

pytestmark = pytest.mark.e2e


@pytest.fixture
def live_settings() -> dict:
    return {"PERMANENT_SESSION_LIFETIME": timedelta(seconds=123)}  # the warning comes after 3 seconds


def test_the_timeout_warning_keeps_the_session_and_what_was_typed(new_page):
    page = new_page()
    steps.log_in(page, "kita-sonnenblume@musterstadt.example", DEMO_PASSWORD)
    page.get_by_role("link", name="Aufnahme melden").click()
    page.get_by_label("Vorname des Kindes").fill("Noah")
    dialog = page.get_by_role("dialog", name="Sie werden bald abgemeldet")
    expect(dialog).to_be_visible(timeout=8000)
    expect(dialog.get_by_role("button", name="Angemeldet bleiben")).to_be_focused()
    dialog.get_by_role("button", name="Angemeldet bleiben").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_label("Vorname des Kindes")).to_have_value("Noah")
    page.reload()
    expect(page.get_by_role("heading", name="Aufnahme melden")).to_be_visible()
