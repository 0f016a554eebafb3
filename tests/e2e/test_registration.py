"""Opening a parent account in the browser with the code from the letter."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from elternbeitraege.services.seed import DEMO_CODE
from tests.e2e import steps

pytestmark = pytest.mark.e2e


def test_a_new_parent_account_is_confirmed_with_a_message(new_page, live_server):
    parent = new_page()
    steps.register(parent, f"{live_server}/erklaerung/zugang?code={DEMO_CODE}")
    expect(parent.get_by_text("Mia Muster")).to_be_visible()
    expect(parent.get_by_role("status").filter(has_text="Ihr Konto ist angelegt")).to_be_visible(timeout=1000)
