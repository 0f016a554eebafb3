"""What the three roles do in the browser, step by step, as the browser tests share it."""
from __future__ import annotations

import io
import re
from pathlib import Path

from playwright.sync_api import Page, expect
from pypdf import PdfWriter

from elternbeitraege.services import demo as seed

FACILITY = "kita-sonnenblume@musterstadt.example"
CLERK = "sachbearbeitung@musterstadt.example"
PARENT = "julia@beispiel.example"
PARENT_PASSWORD = "Regen Fahrrad Kaffee"


def log_in(page: Page, email: str, password: str = seed.DEMO_PASSWORD) -> None:
    page.goto("/anmelden")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_text("Angemeldet als")).to_be_visible()


def fill_date(page: Page, group: str, day: str, month: str, year: str) -> None:
    """Type a date into the three fields (Tag, Monat, Jahr) of the fieldset called ``group``."""
    fields = page.get_by_role("group", name=group)
    fields.get_by_label("Tag").fill(day)
    fields.get_by_label("Monat").fill(month)
    fields.get_by_label("Jahr").fill(year)


def fill_admission(page: Page, hours: str | None = "35") -> None:
    """Fill the whole admission form right; ``hours``: a Kita's radio, or typed for a childminder."""
    page.get_by_label("Vorname des Kindes").fill("Lena")
    page.get_by_label("Nachname des Kindes").fill("Beispiel")
    fill_date(page, "Geburtsdatum des Kindes", "15", "3", "2024")
    if hours == "35":
        page.get_by_label("35 Stunden pro Woche").check()
    elif hours is not None:
        page.get_by_label("Gebuchte Betreuungszeit in Wochenstunden").fill(hours)
    fill_date(page, "Betreuungsbeginn", "1", "8", "2025")
    first = page.get_by_role("group", name="Erster Elternteil")
    first.get_by_label("Vorname").fill("Julia")
    first.get_by_label("Nachname").fill("Beispiel")
    second = page.get_by_role("group", name="Zweiter Elternteil")
    second.get_by_label("Vorname").fill("Tom")
    second.get_by_label("Nachname").fill("Beispiel")
    page.get_by_label("Straße und Hausnummer").fill("Hauptstraße 1")
    page.get_by_label("Postleitzahl").fill("33330")
    page.get_by_label("Ort", exact=True).fill("Musterstadt")


def report_admission(page: Page) -> str:
    """Report Lena Beispiel's admission as the signed-in facility; return the file number it is given."""
    page.get_by_role("link", name="Aufnahme melden").click()
    expect(page.get_by_role("heading", name="Aufnahme melden")).to_be_visible()
    fill_admission(page)
    page.get_by_role("button", name="Aufnahme melden").click()

    expect(page.get_by_role("status").filter(has_text="Die Aufnahme ist gemeldet")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Lena Beispiel")
    return re.search(r"\d{2}-EB-\d{4}-\d{5}", row.inner_text()).group(0)


def download(page: Page, link_name: str | re.Pattern) -> bytes:
    """Click a download link and return the bytes the browser saved."""
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    return Path(info.value.path()).read_bytes()


def open_case_as_clerk(page: Page, file_number: str) -> None:
    page.goto("/amt/")
    page.get_by_role("link", name=file_number, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(file_number)


def real_pdf(text: str = "Lohnabrechnung") -> bytes:
    """Return a small, valid one-page PDF (what a scanned payslip would be, minus the content)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": text})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def upload_proof(page: Page, filename: str) -> None:
    """On the proofs page: upload a PDF as an income proof and see it listed."""
    expect(page.get_by_role("heading", name="Nachweise hochladen")).to_be_visible()
    page.get_by_label("Einkommensnachweis").check()
    page.get_by_label("Datei auswählen").set_input_files(
        {"name": filename, "mimeType": "application/pdf", "buffer": real_pdf()})
    page.get_by_role("button", name="Datei hochladen").click()
    expect(page.get_by_role("status").filter(has_text="Der Nachweis ist hochgeladen.")).to_be_visible()
    expect(page.get_by_role("table", name="Hochgeladene Nachweise")).to_contain_text(filename)


def register(page: Page, access_url: str, code: str | None = None) -> None:
    """Follow the link of the QR code, open an account with the code it carries (or ``code``, typed), sign in."""
    page.goto(access_url)
    page.get_by_role("link", name="Jetzt beginnen").click()
    expect(page.get_by_role("heading", name="Konto anlegen")).to_be_visible()
    if code is not None:
        page.get_by_label("Zugangscode").fill(code)
    page.get_by_label("E-Mail-Adresse").fill(PARENT)
    page.get_by_label("Passwort", exact=True).fill(PARENT_PASSWORD)
    page.get_by_label("Passwort wiederholen").fill(PARENT_PASSWORD)
    page.get_by_role("button", name="Konto anlegen").click()
    expect(page.get_by_role("heading", name="Anmelden")).to_be_visible()
    page.get_by_label("E-Mail-Adresse").fill(PARENT)
    page.get_by_label("Passwort").fill(PARENT_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", name="Ihre Beitragsfälle")).to_be_visible()


def task(page: Page, label: str) -> None:
    page.get_by_role("link", name=label, exact=True).click()


def next_page(page: Page) -> None:
    page.get_by_role("button", name="Weiter", exact=True).click()


def fill_in_declaration(page: Page) -> None:
    """Work through the task list: both parents, no benefits, declared income, one proof, SEPA mandate."""
    page.get_by_role("link", name="Einkommenserklärung ausfüllen").first.click()
    expect(page.get_by_role("heading", name="Einkommenserklärung für Lena Beispiel")).to_be_visible()

    task(page, "Angaben zum Kind prüfen")
    expect(page.get_by_text("15.03.2024")).to_be_visible()
    page.get_by_label("Die Angaben zum Kind und zur Betreuung stimmen.").check()
    next_page(page)

    page.get_by_label("mit beiden Elternteilen").check()
    page.get_by_label("Vorname des anderen Elternteils").fill("Tom")
    page.get_by_label("Nachname des anderen Elternteils").fill("Beispiel")
    next_page(page)

    page.get_by_label("Keine dieser Leistungen").check()
    next_page(page)

    page.get_by_label("Ich gebe unser Einkommen an").check()
    next_page(page)

    expect(page.get_by_role("heading", name=re.compile("Welches Einkommen hat Julia Beispiel"))).to_be_visible()
    page.get_by_label("Einkünfte aus nichtselbstständiger Arbeit").fill("52.000,00")
    next_page(page)
    expect(page.get_by_role("heading", name=re.compile("Welches Einkommen hat Tom Beispiel"))).to_be_visible()
    next_page(page)  # Tom has no income of his own: every field stays empty

    upload_proof(page, "lohnabrechnung.pdf")
    next_page(page)

    expect(page.get_by_role("heading", name="Von welchem Konto sollen wir den Beitrag abbuchen?")).to_be_visible()
    page.get_by_label("Kontoinhaberin oder Kontoinhaber").fill("Julia Beispiel")
    page.get_by_label("IBAN", exact=True).fill("de89 3704 0044 0532 0130 00")
    page.get_by_label("Ich erteile das SEPA-Lastschriftmandat.").check()
    next_page(page)
    expect(page.get_by_role("heading", name="Prüfen Sie Ihre Angaben")).to_be_visible()


def answer_up_to_income(page: Page) -> None:
    task(page, "Angaben zum Kind prüfen")
    page.get_by_label("Die Angaben zum Kind und zur Betreuung stimmen.").check()
    next_page(page)
    page.get_by_label("mit einem Elternteil").check()
    next_page(page)
    page.get_by_label("Keine dieser Leistungen").check()
    next_page(page)
    page.get_by_label("Ich gebe unser Einkommen an").check()
    next_page(page)
    expect(page.get_by_role("heading", name=re.compile("Welches Einkommen hat"))).to_be_visible()
