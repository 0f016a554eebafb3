"""The parents' declaration can be done with the keyboard alone: every field and button is reached by Tab."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from elternbeitraege.services.demo import DEMO_CODE
from tests.e2e import steps

pytestmark = pytest.mark.e2e
MAX_TABS = 60


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until the target has the focus; fail if it is never reached."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{target} is not reachable with the Tab key")


def choose(page: Page, label: str) -> None:
    """Tab to a radio group or checkbox and select the option with the keyboard."""
    option = page.get_by_label(label, exact=True)
    if option.get_attribute("type") == "radio":
        group = page.locator(f"input[name={option.get_attribute('name')}]")
        tab_to(page, group.first)  # Tab enters a radio group at its first option; arrows move within
        for _ in range(group.count()):
            if option.evaluate("element => element === document.activeElement"):
                break
            page.keyboard.press("ArrowDown")
    else:
        tab_to(page, option)
    page.keyboard.press("Space")
    expect(option).to_be_checked()


def type_into(page: Page, label: str, text: str) -> None:
    tab_to(page, page.get_by_label(label, exact=True))
    page.keyboard.type(text)


def press_button(page: Page, name: str) -> None:
    tab_to(page, page.get_by_role("button", name=name, exact=True))
    page.keyboard.press("Enter")


def follow(page: Page, name: str) -> None:
    tab_to(page, page.get_by_role("link", name=name, exact=True).first)
    page.keyboard.press("Enter")


def test_a_parent_completes_the_declaration_with_the_keyboard_only(new_page, live_server):
    page = new_page()
    steps.register(page, f"{live_server}/erklaerung/zugang#code={DEMO_CODE}")
    follow(page, "Einkommenserklärung ausfüllen")
    follow(page, "Angaben zum Kind prüfen")
    choose(page, "Die Angaben zum Kind und zur Betreuung stimmen.")
    press_button(page, "Weiter")
    choose(page, "mit einem Elternteil")
    press_button(page, "Weiter")
    choose(page, "Keine dieser Leistungen")
    press_button(page, "Weiter")
    choose(page, "Ich gebe unser Einkommen an")
    press_button(page, "Weiter")
    type_into(page, "Einkünfte aus nichtselbstständiger Arbeit (Bruttoarbeitslohn) (optional)", "41.000")
    press_button(page, "Weiter")
    expect(page.get_by_role("heading", name="Nachweise hochladen")).to_be_visible()
    choose(page, "Einkommensnachweis")
    page.get_by_label("Datei auswählen").set_input_files(  # the file chooser itself is the system's dialog
        {"name": "lohn.pdf", "mimeType": "application/pdf", "buffer": steps.real_pdf()})
    press_button(page, "Datei hochladen")
    expect(page.get_by_role("table", name="Hochgeladene Nachweise")).to_contain_text("lohn.pdf")
    press_button(page, "Weiter")
    type_into(page, "Kontoinhaberin oder Kontoinhaber", "Maria Muster")
    type_into(page, "IBAN", "de89 3704 0044 0532 0130 00")
    choose(page, "Ich erteile das SEPA-Lastschriftmandat.")
    press_button(page, "Weiter")
    expect(page.locator("#estimate")).to_have_text(re.compile(r"€ im Monat"))
    press_button(page, "Erklärung verbindlich absenden")
    expect(page.get_by_role("heading", name="Ihre Erklärung ist abgesendet")).to_be_visible()
