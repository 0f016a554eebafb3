"""In the browser, the proofs page keeps a chosen file when "Weiter" is pressed instead of "Datei hochladen", with
JavaScript and without; the income page's error summary names each wrong amount and leads to its field."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from elternbeitraege.services.demo import DEMO_CODE
from tests.e2e import steps
from tests.e2e.conftest import TIMEOUT_MS

pytestmark = pytest.mark.e2e
EMPLOYMENT = "Einkünfte aus nichtselbstständiger Arbeit (Bruttoarbeitslohn)"
SELF_EMPLOYMENT = "Einkünfte aus selbstständiger Arbeit oder Gewerbebetrieb (Gewinn)"
OTHER = "Sonstige Einkünfte (z. B. Unterhalt, Renten, Vermietung)"
MALFORMED = "Geben Sie den Betrag in Euro an, z. B. 1.234,56 – ohne Minuszeichen."


@pytest.fixture(params=[True, False], ids=["with JavaScript", "without JavaScript"])
def parent_page(request, browser, live_server):
    """A parent's page, signed in through the access code, on the task list of the demo case."""
    context = browser.new_context(base_url=live_server, locale="de-DE", java_script_enabled=request.param)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    steps.register(page, f"{live_server}/erklaerung/zugang#code={DEMO_CODE}", code=DEMO_CODE)
    page.get_by_role("link", name="Einkommenserklärung ausfüllen").first.click()
    yield page
    context.close()


def choose_file(page: Page, filename: str) -> None:
    page.get_by_label("Datei auswählen").set_input_files(
        {"name": filename, "mimeType": "application/pdf", "buffer": steps.real_pdf()})


def test_a_file_chosen_and_sent_with_weiter_is_uploaded_and_listed(parent_page):
    page = parent_page
    steps.answer_up_to_income(page)
    page.get_by_label(EMPLOYMENT).fill("41.000")
    steps.next_page(page)
    expect(page.get_by_role("heading", name="Nachweise hochladen")).to_be_visible()
    page.get_by_label("Einkommensnachweis").check()
    choose_file(page, "lohnabrechnung-dezember.pdf")
    steps.next_page(page)  # not "Datei hochladen"

    expect(page.get_by_role("heading", name="Von welchem Konto sollen wir den Beitrag abbuchen?")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Der Nachweis ist hochgeladen.")).to_be_visible()
    page.go_back()
    page.reload()
    expect(page.get_by_role("table", name="Hochgeladene Nachweise")).to_contain_text("lohnabrechnung-dezember.pdf")


def test_a_file_sent_with_weiter_but_without_its_kind_keeps_the_parent_on_the_page_and_says_so(parent_page):
    page = parent_page
    steps.answer_up_to_income(page)
    steps.next_page(page)
    expect(page.get_by_role("heading", name="Nachweise hochladen")).to_be_visible()
    choose_file(page, "lohn.pdf")
    steps.next_page(page)

    expect(page).to_have_title(re.compile("^Fehler: "))
    summary = page.locator("[data-error-summary]")
    expect(summary.get_by_role("link")).to_have_text([
        "Wählen Sie aus, was für ein Nachweis das ist.",
        "Die Datei „lohn.pdf“ ist noch nicht hochgeladen. Wählen Sie sie noch einmal aus."])
    page.get_by_label("Einkommensnachweis").check()
    choose_file(page, "lohn.pdf")
    steps.next_page(page)
    expect(page.get_by_role("heading", name="Von welchem Konto sollen wir den Beitrag abbuchen?")).to_be_visible()


def test_the_income_error_summary_names_each_wrong_amount_and_leads_to_its_field(parent_page):
    page = parent_page
    steps.answer_up_to_income(page)
    page.get_by_label(EMPLOYMENT).fill("-500")
    page.get_by_label(SELF_EMPLOYMENT).fill("viel")
    page.get_by_label(OTHER).fill("12,345")
    steps.next_page(page)

    expect(page).to_have_title(re.compile("^Fehler: "))
    links = page.locator("[data-error-summary]").get_by_role("link")
    expect(links).to_have_text([f"{label}: {MALFORMED}" for label in (EMPLOYMENT, SELF_EMPLOYMENT, OTHER)])
    links.nth(1).click()
    expect(page.get_by_label(SELF_EMPLOYMENT)).to_be_focused()
    expect(page.get_by_label(SELF_EMPLOYMENT)).to_have_value("viel")
    expect(page.get_by_label(SELF_EMPLOYMENT)).to_have_accessible_description(re.compile(
        re.escape(f"{SELF_EMPLOYMENT}: {MALFORMED}")))
