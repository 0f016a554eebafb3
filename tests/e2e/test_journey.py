"""The whole fee-case journey in a real browser: facility, clerk and parents, each with their own cookies."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e import steps
from tests.helpers import access_code_in, pdf_text

pytestmark = pytest.mark.e2e


def test_facility_parents_and_clerk_take_a_case_from_admission_to_the_downloaded_notice(new_page, live_server):
    facility, clerk, parent = new_page(), new_page(), new_page()

    # 1. The facility reports the admission and sees the child in its list.
    steps.log_in(facility, steps.FACILITY)
    file_number = steps.report_admission(facility)
    children = facility.get_by_role("table", name="Kinder und Stand des Beitragsverfahrens")
    expect(children.get_by_role("row").filter(has_text="Lena Beispiel")).to_contain_text(
        "Erklärung der Eltern ausstehend")

    # 2. The clerk downloads the invitation letter that would go out by post.
    steps.log_in(clerk, steps.CLERK)
    steps.open_case_as_clerk(clerk, file_number)
    letter = steps.download(clerk, re.compile(r"^Einladungsschreiben"))
    assert f"{live_server}/erklaerung/zugang" in pdf_text(letter)
    code = access_code_in(letter)

    # 3. The parents follow the QR code's link, register and declare their income.
    steps.register(parent, f"{live_server}/erklaerung/zugang#code={code}")
    steps.fill_in_declaration(parent)
    expect(parent.locator("#estimate")).to_have_text("223,00 € im Monat")
    expect(parent.get_by_text("DE89370400440532013000")).to_be_visible()
    parent.get_by_role("button", name="Erklärung verbindlich absenden").click()
    expect(parent.get_by_role("heading", name="Ihre Erklärung ist abgesendet")).to_be_visible()
    expect(parent.get_by_text("Ihr Aktenzeichen:")).to_contain_text(file_number)

    # 4. The clerk finds the declaration in the worklist, checks the calculation and asks for more proof.
    clerk.goto("/amt/")
    expect(clerk.get_by_role("row").filter(has_text=file_number)).to_contain_text("Erklärung eingereicht")
    steps.open_case_as_clerk(clerk, file_number)
    clerk.get_by_role("button", name="Prüfung beginnen").click()
    expect(clerk.locator("#case-status")).to_have_text("In Prüfung")
    expect(clerk.get_by_text("52.000,00 €")).to_be_visible()
    calculation = clerk.locator("#calculation")
    expect(calculation.get_by_role("row").filter(has_text="August 2025")).to_contain_text("223,00 €")
    expect(calculation.get_by_role("row").filter(has_text="April 2026")).to_contain_text("169,00 €")
    clerk.get_by_label("Welche Nachweise fehlen?").fill("Bitte die Dezember-Lohnabrechnung.")
    steps.fill_date(clerk, "Frist für die Nachweise", "31", "7", "2025")
    clerk.get_by_role("button", name="Nachweise anfordern").click()
    expect(clerk.get_by_role("status").filter(has_text="Die Nachweise sind angefordert")).to_be_visible()
    expect(clerk.locator("#case-status")).to_have_text("Nachweise angefordert")

    # 5. The parents see the request, upload the payslip and send the declaration again.
    parent.get_by_role("link", name="Zum Beitragsfall").click()
    expect(parent.get_by_text("Bitte reichen Sie bis zum 31.07.2025 Nachweise ein.")).to_be_visible()
    expect(parent.get_by_text("Bitte die Dezember-Lohnabrechnung.")).to_be_visible()
    parent.get_by_role("link", name="Nachweise nachreichen").click()
    steps.task(parent, "Nachweise hochladen")
    steps.upload_proof(parent, "dezember.pdf")
    parent.get_by_role("link", name="Zurück").click()
    steps.task(parent, "Prüfen und absenden")
    expect(parent.get_by_text("lohnabrechnung.pdf, dezember.pdf")).to_be_visible()
    parent.get_by_role("button", name="Erklärung verbindlich absenden").click()
    expect(parent.get_by_role("heading", name="Ihre Erklärung ist abgesendet")).to_be_visible()

    # 6. The clerk sets the fee provisionally; the notice is issued and the facility told.
    clerk.reload()
    expect(clerk.locator("#case-status")).to_have_text("Erklärung eingereicht")
    expect(clerk.get_by_role("link", name="dezember.pdf")).to_be_visible()
    clerk.get_by_role("button", name="Prüfung beginnen").click()
    clerk.get_by_label(re.compile("^Vorläufig")).check()
    clerk.get_by_role("button", name="Beitrag festsetzen und Bescheid erstellen").click()
    expect(clerk.get_by_role("status").filter(has_text="Der Beitrag ist festgesetzt")).to_be_visible()
    expect(clerk.locator("#case-status")).to_have_text("Bescheid erteilt")

    # 7. The parents download the notice; it carries the amounts, the court and the file number.
    parent.get_by_role("link", name="Zum Beitragsfall").click()
    expect(parent.get_by_text("Bescheid erteilt")).to_be_visible()
    notice = pdf_text(steps.download(parent, re.compile(r"^Beitragsbescheid vom .* herunterladen \(PDF\)$")))
    for expected in ("Jugendamt Musterstadt", "Lena Beispiel", "Kita Sonnenblume", "223,00", "169,00",
                     "Verwaltungsgericht Minden", "vorläufig", file_number):
        assert expected in notice, expected

    # 8. The facility learns that the case is settled - and nothing about income, bank or fee.
    facility.reload()
    expect(children.get_by_role("row").filter(has_text="Lena Beispiel")).to_contain_text(
        "Erledigt – Beitragsbescheid erteilt")
    seen = facility.locator("body").inner_text()
    for secret in ("52.000", "223", "DE89", "3704 0044", "370400440532013000"):
        assert secret not in seen.upper(), secret


def test_an_incomplete_admission_comes_back_with_its_errors_linked_to_the_fields_and_the_typed_values_kept(
        new_page):
    facility = new_page()
    steps.log_in(facility, steps.FACILITY)
    facility.get_by_role("link", name="Aufnahme melden").click()
    facility.get_by_label("Vorname des Kindes").fill("Lena")
    steps.fill_date(facility, "Geburtsdatum des Kindes", "15", "3", "")
    facility.get_by_label("Postleitzahl").fill("3333")
    facility.get_by_role("button", name="Aufnahme melden").click()

    expect(facility).to_have_title(re.compile(r"^Fehler: Aufnahme melden"))
    summary = facility.get_by_role("alert").filter(has=facility.get_by_role("heading", name="Es gibt ein Problem"))
    expect(summary).to_be_focused()
    links = summary.get_by_role("link")
    expect(links).to_have_count(9)
    for target in [links.nth(index).get_attribute("href") for index in range(links.count())]:
        assert target.startswith("#"), target
        expect(facility.locator("form").locator(target)).to_have_count(1)

    birth_day = facility.get_by_role("group", name="Geburtsdatum des Kindes").get_by_label("Tag")
    for message, field in [
        ("Geben Sie den Nachnamen des Kindes an.", facility.get_by_label("Nachname des Kindes")),
        ("Geburtsdatum des Kindes muss aus Tag, Monat und Jahr in Ziffern bestehen.", birth_day),
        ("Die Postleitzahl hat 5 Ziffern, z. B. 33330.", facility.get_by_label("Postleitzahl")),
        ("Geben Sie den Ort an.", facility.get_by_label("Ort", exact=True)),
    ]:
        summary.get_by_role("link", name=message).click()
        expect(field).to_be_focused()
    expect(facility.get_by_label("Nachname des Kindes")).to_have_accessible_description(
        re.compile("Geben Sie den Nachnamen des Kindes an."))

    expect(facility.get_by_label("Vorname des Kindes")).to_have_value("Lena")
    expect(birth_day).to_have_value("15")
    expect(facility.get_by_role("group", name="Geburtsdatum des Kindes").get_by_label("Monat")).to_have_value("3")
    expect(facility.get_by_label("Postleitzahl")).to_have_value("3333")
