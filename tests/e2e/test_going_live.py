"""Going live, as a new operator would: the provider made on the command line sets up a youth office and invites
its administrator; axe-core checks every page of the way."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from elternbeitraege.services.demo import DEMO_STATUTE
from tests.e2e import axe

pytestmark = pytest.mark.e2e

PROVIDER = "betrieb@it-dienstleister.example"
NEW_PASSWORD = "Regen Fahrrad Kaffee Tisch"
BEISPIELKREIS = {
    "Name des Jugendamts": "Jugendamt Beispielkreis",
    "Straße und Hausnummer": "Kreishausstraße 2",
    "Postleitzahl und Ort": "33378 Beispielkreis",
    "Ansprechperson": "Team Elternbeiträge",
    "Telefon": "05242 13-0",
    "E-Mail-Adresse": "elternbeitraege@beispielkreis.example",
    "Internetseite": "www.beispielkreis.example/elternbeitrag",
    "Zuständiges Verwaltungsgericht": "Verwaltungsgericht Minden",
    "Anschrift des Verwaltungsgerichts": "Königswall 8, 32423 Minden",
    "Datenschutzbeauftragte oder Datenschutzbeauftragter": "Datenschutz, Kreishausstraße 2, 33378 Beispielkreis",
    "Name der Bank": "Sparkasse Beispielkreis",
    "IBAN": "DE89 3704 0044 0532 0130 00",
    "BIC": "COBADEFFXXX",
    "Gläubiger-Identifikationsnummer": "DE98ZZZ09999999999",
}


@pytest.fixture
def axe_page(new_page):
    script = axe.source()

    def open_page() -> Page:
        page = new_page()
        axe.serve(page.context, script)
        return page

    return open_page


def link_in(text: str) -> str:
    """Return the set-password link in a command's output or a mail."""
    return re.search(r"https?://\S+/passwort/setzen/\S+", text).group(0)


def set_password(page: Page, audit: axe.Audit, link: str) -> None:
    page.goto(link)
    audit.check(page, "Passwort setzen")
    page.get_by_label("Neues Passwort", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Neues Passwort wiederholen").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Passwort setzen").click()
    expect(page.get_by_text("Ihr Passwort ist gesetzt")).to_be_visible()


def sign_in(page: Page, email: str) -> None:
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_text("Angemeldet als")).to_be_visible()


def create_office(page: Page, audit: axe.Audit) -> None:
    page.get_by_role("link", name="Jugendamt anlegen").click()
    audit.check(page, "Jugendamt anlegen")
    page.get_by_role("button", name="Jugendamt anlegen").click()
    audit.check(page, "Jugendamt anlegen, mit Fehlern")
    for label, value in BEISPIELKREIS.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="Jugendamt anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jugendamt Beispielkreis")
    audit.check(page, "Ein Jugendamt")


def assign_statute(page: Page, audit: axe.Audit) -> None:
    page.get_by_role("link", name="Satzung anwenden").click()
    audit.check(page, "Satzung anwenden")
    page.get_by_label("Satzung").select_option(value=DEMO_STATUTE)
    dates = page.get_by_role("group", name="Anwenden ab")
    dates.get_by_label("Tag").fill("1")
    dates.get_by_label("Monat").fill("8")
    dates.get_by_label("Jahr").fill("2025")
    page.get_by_role("button", name="Satzung anwenden").click()
    expect(page.get_by_text("ab dem 01.08.2025 an")).to_be_visible()


def invite_administrator(page: Page, audit: axe.Audit, email: str) -> None:
    page.get_by_role("link", name="Fachadministration einladen").click()
    audit.check(page, "Fachadministration einladen")
    page.get_by_label("Name").fill("Anna Verwalterin")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_role("button", name="Einladung senden").click()
    expect(page.get_by_text(f"Die Einladung an {email} ist unterwegs")).to_be_visible()


def test_the_provider_from_the_command_line_sets_up_an_office_and_invites_its_administrator(axe_page, live_server):
    created = live_server.app.test_cli_runner().invoke(args=["users", "create-provider", PROVIDER])
    assert created.exit_code == 0, created.output
    provider, audit = axe_page(), axe.Audit()

    set_password(provider, audit, link_in(created.output))
    sign_in(provider, PROVIDER)
    expect(provider.get_by_role("heading", level=1)).to_have_text("Jugendämter dieser Installation")
    audit.check(provider, "Jugendämter")
    create_office(provider, audit)
    assign_statute(provider, audit)
    invite_administrator(provider, audit, "verwaltung@beispielkreis.example")
    audit.assert_no_violations()
