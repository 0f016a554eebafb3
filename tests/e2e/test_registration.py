"""Opening a parent account in the browser with the code from the letter."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from elternbeitraege.services.demo import DEMO_CODE
from tests.e2e import steps

pytestmark = pytest.mark.e2e


def test_a_new_parent_account_is_confirmed_with_a_message_and_signs_in(new_page, live_server):
    parent = new_page()
    parent.goto(f"{live_server}/erklaerung/zugang#code={DEMO_CODE}")
    parent.get_by_role("link", name="Jetzt beginnen").click()
    expect(parent.get_by_label("Zugangscode")).to_have_value(DEMO_CODE)
    parent.get_by_label("E-Mail-Adresse").fill(steps.PARENT)
    parent.get_by_label("Passwort", exact=True).fill(steps.PARENT_PASSWORD)
    parent.get_by_label("Passwort wiederholen").fill(steps.PARENT_PASSWORD)
    parent.get_by_role("button", name="Konto anlegen").click()
    expect(parent.get_by_role("status").filter(has_text="Melden Sie sich jetzt")).to_be_visible(timeout=1000)
    steps.log_in(parent, steps.PARENT, steps.PARENT_PASSWORD)
    expect(parent.get_by_text("Mia Muster")).to_be_visible()


def test_the_access_code_of_the_qr_link_never_reaches_the_server_nor_stays_in_the_address_bar(
        new_page, live_server, request_log):
    parent = new_page()
    parent.goto(f"{live_server}/erklaerung/zugang#code={DEMO_CODE}")
    expect(parent).to_have_url(f"{live_server}/erklaerung/zugang")
    parent.get_by_role("link", name="Jetzt beginnen").click()
    expect(parent.get_by_label("Zugangscode")).to_have_value(DEMO_CODE)
    expect(parent).to_have_url(f"{live_server}/registrieren")
    assert any("/registrieren" in line for line in request_log)
    normal = DEMO_CODE.replace("-", "").lower()
    assert not [line for line in request_log if normal in line.replace("-", "").lower()], request_log
