"""The admission form in the browser: every error at once in the error summary, nothing typed lost; a second
parent named in full or not at all; a childminder books and changes the hours of its contract."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import steps

pytestmark = pytest.mark.e2e

CHILDMINDER = "tagespflege@musterstadt.example"


def send(page: Page) -> None:
    page.get_by_role("button", name="Aufnahme melden").click()


def error_summary(page: Page):
    return page.get_by_role("alert").filter(has_text="Es gibt ein Problem")


def test_the_admission_form_names_every_error_at_once_and_keeps_what_was_typed(new_page):
    page = new_page()
    steps.log_in(page, steps.FACILITY)
    page.goto("/einrichtung/aufnahme")
    steps.fill_admission(page)
    page.get_by_label("Vorname des Kindes").fill("")
    steps.fill_date(page, "Geburtsdatum des Kindes", "15", "7", "2025")  # after today, 1 July 2025
    second = page.get_by_role("group", name="Zweiter Elternteil")
    second.get_by_label("Nachname").fill("")  # a first name without a surname
    page.get_by_label("Postleitzahl").fill("123")
    send(page)

    expect(page).to_have_title(re.compile("^Fehler: "))
    summary = error_summary(page)
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text([
        "Geben Sie den Vornamen des Kindes an.",
        "Das Geburtsdatum darf nicht in der Zukunft liegen.",
        "Geben Sie auch den Nachnamen des zweiten Elternteils an – oder lassen Sie beide Namen leer.",
        "Die Postleitzahl hat 5 Ziffern, z. B. 33330.",
    ])
    second = page.get_by_role("group", name="Zweiter Elternteil")
    expect(second.get_by_label("Vorname")).to_have_value("Tom")
    expect(page.get_by_label("Postleitzahl")).to_have_value("123")
    birth = page.get_by_role("group", name="Geburtsdatum des Kindes")
    expect(birth.get_by_label("Monat")).to_have_value("7")
    expect(birth.get_by_label("Jahr")).to_have_value("2025")
    expect(page.get_by_label("35 Stunden pro Woche")).to_be_checked()
    expect(page.get_by_label("Straße und Hausnummer")).to_have_value("Hauptstraße 1")

    summary.get_by_role("link", name=re.compile("Nachnamen des zweiten Elternteils")).click()
    expect(second.get_by_label("Nachname")).to_be_focused()
    expect(page.get_by_text("Geben Sie auch den Nachnamen des zweiten Elternteils an", exact=False).nth(1)
           ).to_be_visible()  # beside the field, too

    page.get_by_label("Vorname des Kindes").fill("Lena")
    steps.fill_date(page, "Geburtsdatum des Kindes", "15", "3", "2024")
    second.get_by_label("Vorname").fill("")  # the second parent left out entirely
    page.get_by_label("Postleitzahl").fill("33330")
    send(page)
    expect(page.get_by_role("status").filter(has_text="Die Aufnahme ist gemeldet")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Lena Beispiel")).to_be_visible()


def test_a_second_parent_with_a_surname_only_is_refused_at_the_first_name(new_page):
    page = new_page()
    steps.log_in(page, steps.FACILITY)
    page.goto("/einrichtung/aufnahme")
    steps.fill_admission(page)
    second = page.get_by_role("group", name="Zweiter Elternteil")
    second.get_by_label("Vorname").fill("")
    send(page)

    link = error_summary(page).get_by_role("link")
    expect(link).to_have_text(
        ["Geben Sie auch den Vornamen des zweiten Elternteils an – oder lassen Sie beide Namen leer."])
    link.click()
    expect(page.get_by_role("group", name="Zweiter Elternteil").get_by_label("Vorname")).to_be_focused()
    expect(page.get_by_role("group", name="Zweiter Elternteil").get_by_label("Nachname")).to_have_value("Beispiel")


def test_a_childminder_books_the_hours_of_its_contract_and_reports_a_change_of_them(new_page):
    page = new_page()
    steps.log_in(page, CHILDMINDER)
    page.goto("/einrichtung/aufnahme")
    expect(page.get_by_label("35 Stunden pro Woche")).to_have_count(0)
    steps.fill_admission(page, hours="0")
    steps.fill_date(page, "Geburtsdatum des Kindes", "15", "7", "2025")  # a second error, named at once
    send(page)
    expect(error_summary(page).get_by_role("link")).to_have_text([
        "Das Geburtsdatum darf nicht in der Zukunft liegen.",
        "Geben Sie die Wochenstunden als ganze Zahl von 1 bis 60 an, wie im Betreuungsvertrag vereinbart.",
    ])
    hours = page.get_by_label("Gebuchte Betreuungszeit in Wochenstunden")
    expect(hours).to_have_value("0")

    hours.fill("30")
    steps.fill_date(page, "Geburtsdatum des Kindes", "15", "3", "2024")
    send(page)
    expect(page.get_by_role("status").filter(has_text="Die Aufnahme ist gemeldet")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Lena Beispiel")
    expect(row.get_by_role("cell").nth(2)).to_have_text("30")

    row.get_by_role("link", name="Lena Beispiel").click()
    change = page.locator("#act-report_care_change")
    change.get_by_label("Neue Betreuungszeit in Wochenstunden").fill("38")
    steps.fill_date(change, "Gilt ab (immer der Erste eines Monats)", "1", "9", "2025")
    change.get_by_role("button", name="Neue Betreuungszeit melden").click()
    expect(page.get_by_role("status").filter(has_text="Die neue Betreuungszeit ist gemeldet")).to_be_visible()
    expect(page.get_by_text("ab 01.09.2025: 38 Stunden pro Woche")).to_be_visible()
