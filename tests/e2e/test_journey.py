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
    steps.register(parent, f"{live_server}/erklaerung/zugang?code={code}")
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
    expect(clerk.get_by_text("52.000,00 €")).to_be_visible()
    calculation = clerk.locator("#calculation")
    expect(calculation.get_by_role("row").filter(has_text="August 2025")).to_contain_text("223,00 €")
    expect(calculation.get_by_role("row").filter(has_text="April 2026")).to_contain_text("169,00 €")
    clerk.get_by_label("Welche Nachweise fehlen?").fill("Bitte die Dezember-Lohnabrechnung.")
    steps.fill_date(clerk, "Frist für die Nachweise", "31", "7", "2025")
    clerk.get_by_role("button", name="Nachweise anfordern").click()
    expect(clerk.get_by_role("status").filter(has_text="Die Nachweise sind angefordert")).to_be_visible()
    expect(clerk.locator("#case-status")).to_have_text("Nachweise angefordert")

    # The parents see the request, upload the payslip and send the declaration again.
    parent.get_by_role("link", name="Zum Beitragsfall").click()
    expect(parent.get_by_text("Das Jugendamt bittet um Nachweise bis zum 31.07.2025")).to_be_visible()
    expect(parent.get_by_text("Bitte die Dezember-Lohnabrechnung.")).to_be_visible()
    parent.get_by_role("link", name="Nachweise nachreichen").click()
    steps.task(parent, "Nachweise hochladen")
    steps.upload_proof(parent, "dezember.pdf")
    steps.next_page(parent)
    print(parent.url)
    print(parent.locator("main").inner_text())
