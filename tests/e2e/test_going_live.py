"""Going live, as a new operator would: the provider made on the command line sets up a youth office and invites
its administrator; the administrator, invited by a mail read from a real SMTP server, adds two Kitas, a clerk and
a facility account and imports the sample file; the clerk finds the imported cases. Nobody of one office sees
anything of the other (the demo's Jugendamt Musterstadt). axe-core checks every page of the way."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from elternbeitraege.services.demo import DEMO_STATUTE
from tests.e2e import axe, steps
from tests.mail_server import Inbox

pytestmark = pytest.mark.e2e

SAMPLE_CASES = Path(__file__).resolve().parents[2] / "docs" / "import" / "faelle.csv"
PROVIDER = "betrieb@it-dienstleister.example"
ADMIN = "verwaltung@beispielkreis.example"
CLERK = "sachbearbeitung@beispielkreis.example"
KITA = "leitung@kita-loewenzahn.example"
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
def inbox(smtp_server) -> tuple[Inbox, int]:
    handler = Inbox()
    return handler, smtp_server(handler)


@pytest.fixture
def live_settings(inbox) -> dict:
    """The live server sends its mails to the test's SMTP server."""
    return {"MAIL_SMTP_HOST": "127.0.0.1", "MAIL_SMTP_PORT": inbox[1], "MAIL_SMTP_STARTTLS": False}


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


def mailed_link(live_server, inbox: Inbox, to: str) -> str:
    """Send what is due, as ``flask mail send-due`` does, and return the link of the newest mail to ``to``."""
    sent = live_server.app.test_cli_runner().invoke(args=["mail", "send-due"])
    assert sent.exit_code == 0, sent.output
    mails = [mail for mail in inbox.messages if mail["To"] == to]
    assert mails, f"no mail to {to} among {[mail['To'] for mail in inbox.messages]}"
    return link_in(mails[-1].get_body(("plain",)).get_content())


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
    dates.get_by_label("Jahr").fill("2024")
    page.get_by_role("button", name="Satzung anwenden").click()
    expect(page.get_by_text("ab dem 01.08.2024 an")).to_be_visible()


def invite_administrator(page: Page, audit: axe.Audit, email: str) -> None:
    page.get_by_role("link", name="Fachadministration einladen").click()
    audit.check(page, "Fachadministration einladen")
    page.get_by_label("Name").fill("Anna Verwalterin")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_role("button", name="Einladung senden").click()
    expect(page.get_by_text(f"Die Einladung an {email} ist unterwegs")).to_be_visible()


def add_kita(page: Page, audit: axe.Audit, name: str, number: str) -> None:
    page.goto("/verwaltung/")
    page.get_by_role("link", name="Einrichtungen anlegen, bearbeiten und deaktivieren").click()
    page.get_by_role("link", name="Einrichtung anlegen").click()
    audit.check(page, "Einrichtung anlegen")
    page.get_by_label("Name der Einrichtung").fill(name)
    page.get_by_label("Kita (Kindertageseinrichtung)").check()
    page.get_by_label("Straße und Hausnummer").fill("Wiesenweg 5")
    page.get_by_label("Postleitzahl und Ort").fill("33378 Beispielkreis")
    page.get_by_label("Einrichtungsnummer des Landes").fill(number)
    page.get_by_role("button", name="Einrichtung anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    audit.check(page, "Eine Einrichtung")


def invite_account(page: Page, audit: axe.Audit, name: str, email: str, role: str, facility: str = "") -> None:
    page.goto("/verwaltung/")
    page.get_by_role("link", name="Konten einladen, deaktivieren und Rollen ändern").click()
    audit.check(page, "Konten")
    page.get_by_role("link", name="Konto einladen").click()
    audit.check(page, "Konto einladen")
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_role("radio", name=re.compile(f"^{role} –")).check()
    if facility:
        page.get_by_label("Einrichtung (nur für die Rolle Einrichtung)").select_option(label=facility)
    page.get_by_role("button", name="Einladung senden").click()
    expect(page.get_by_text(email).first).to_be_visible()


def import_sample_cases(page: Page, audit: axe.Audit) -> None:
    page.goto("/verwaltung/")
    page.get_by_role("link", name="Einrichtungen und Beitragsfälle aus einer Datei importieren").click()
    audit.check(page, "Import")
    page.get_by_label("Beitragsfälle").check()
    page.get_by_label("Datei auswählen").set_input_files(str(SAMPLE_CASES))
    page.get_by_role("button", name="Datei prüfen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("bereit zum Import")
    audit.check(page, "Import geprüft")
    page.get_by_role("button", name="Jetzt importieren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import abgeschlossen")
    audit.check(page, "Import abgeschlossen")


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
    invite_administrator(provider, audit, ADMIN)
    audit.assert_no_violations()


def test_a_new_office_goes_live_from_the_provider_to_the_clerk_with_the_imported_cases(axe_page, live_server, inbox):
    created = live_server.app.test_cli_runner().invoke(args=["users", "create-provider", PROVIDER])
    provider, admin, clerk, audit = axe_page(), axe_page(), axe_page(), axe.Audit()
    set_password(provider, audit, link_in(created.output))
    sign_in(provider, PROVIDER)
    create_office(provider, audit)
    assign_statute(provider, audit)
    invite_administrator(provider, audit, ADMIN)

    # The administrator's invitation arrives by mail; the link sets the password.
    set_password(admin, audit, mailed_link(live_server, inbox[0], ADMIN))
    sign_in(admin, ADMIN)
    expect(admin.get_by_role("heading", level=1)).to_have_text("Verwaltung Jugendamt Beispielkreis")
    audit.check(admin, "Verwaltung")
    add_kita(admin, audit, "Kita Löwenzahn", "51-0815")
    add_kita(admin, audit, "Kita Sternschnuppe", "51-0816")
    invite_account(admin, audit, "Sven Sachbearbeiter", CLERK, "Sachbearbeitung")
    invite_account(admin, audit, "Kita Löwenzahn, Leitung", KITA, "Einrichtung", facility="Kita Löwenzahn")
    import_sample_cases(admin, audit)
    admin.goto("/verwaltung/protokoll")
    expect(admin.get_by_text("Kita Sternschnuppe").first).to_be_visible()
    audit.check(admin, "Protokoll")

    # The clerk, invited by mail, finds the imported cases in the worklist, and none of Musterstadt's.
    set_password(clerk, audit, mailed_link(live_server, inbox[0], CLERK))
    sign_in(clerk, CLERK)
    expect(clerk.get_by_text("Schäfer, Lina")).to_be_visible()
    expect(clerk.get_by_text("Muster, Mia")).to_have_count(0)
    assert mailed_link(live_server, inbox[0], KITA)

    # The demo's Jugendamt Musterstadt sees nothing of Beispielkreis.
    musterstadt = axe_page()
    steps.log_in(musterstadt, steps.CLERK)
    expect(musterstadt.get_by_text("Muster, Mia").first).to_be_visible()
    expect(musterstadt.get_by_text("Schäfer, Lina")).to_have_count(0)
    audit.assert_no_violations()
