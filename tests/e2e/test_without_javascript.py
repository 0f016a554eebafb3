"""The parents' declaration works from start to confirmation with JavaScript switched off."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from elternbeitraege.services.demo import DEMO_CODE
from tests.e2e import steps
from tests.e2e.conftest import TIMEOUT_MS

pytestmark = pytest.mark.e2e


@pytest.fixture
def page_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server, locale="de-DE", java_script_enabled=False)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def test_a_parent_declares_and_submits_without_javascript(page_without_javascript, live_server):
    page = page_without_javascript
    steps.register(page, f"{live_server}/erklaerung/zugang#code={DEMO_CODE}", code=DEMO_CODE)  # typed from the letter
    page.get_by_role("link", name="Einkommenserklärung ausfüllen").first.click()
    steps.answer_up_to_income(page)
    page.get_by_label("Einkünfte aus nichtselbstständiger Arbeit").fill("-500")  # an error first
    steps.next_page(page)
    expect(page).to_have_title(re.compile("^Fehler: "))
    expect(page.get_by_label("Einkünfte aus nichtselbstständiger Arbeit")).to_have_value("-500")
    page.get_by_label("Einkünfte aus nichtselbstständiger Arbeit").fill("41.000")
    steps.next_page(page)
    steps.upload_proof(page, "lohn.pdf")
    steps.next_page(page)
    page.get_by_label("Kontoinhaberin oder Kontoinhaber").fill("Maria Muster")
    page.get_by_label("IBAN").fill("DE89 3704 0044 0532 0130 00")
    page.get_by_label("Ich erteile das SEPA-Lastschriftmandat.").check()
    steps.next_page(page)
    expect(page.locator("#estimate")).to_contain_text("€ im Monat")
    page.get_by_role("button", name="Erklärung verbindlich absenden").click()
    expect(page.get_by_role("heading", name="Ihre Erklärung ist abgesendet")).to_be_visible()
