"""Accessibility in the browser: axe-core on every page each role meets, and no sideways scrolling at 320 px.

BITV 2.0 asks for WCAG 2.1 AA. axe-core judges what a machine can (contrast, names, landmarks,
headings, ids, lists, tables); the walk checks each page as the journey passes it, with and without
error messages. A 320-pixel-wide viewport (WCAG 1.4.10 Reflow) must not scroll sideways on the
declaration's pages and the facility's admission form.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from elternbeitraege.services.demo import DEMO_CODE
from tests.e2e import axe, steps
from tests.web.two_offices import png_file

pytestmark = pytest.mark.e2e

MIA = "Mia Muster"


@pytest.fixture
def axe_page(new_page):
    """Like ``new_page``, but every page can load axe-core (skipped locally, failing in CI without it)."""
    script = axe.source()

    def open_page() -> Page:
        page = new_page()
        axe.serve(page.context, script)
        return page

    return open_page


def submit(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()


def expect_errors(page: Page) -> None:
    expect(page).to_have_title(re.compile("^Fehler: "))
    expect(page.get_by_role("heading", name="Es gibt ein Problem")).to_be_visible()


def send_empty(page: Page, audit: axe.Audit, name: str) -> None:
    """Press "Weiter" without the missing answer and audit the page that comes back with its errors."""
    steps.next_page(page)
    expect_errors(page)
    audit.check(page, name)


def test_the_pages_anyone_can_open_have_no_axe_violations(axe_page, live_server):
    page, audit = axe_page(), axe.Audit()

    page.goto("/")
    audit.check(page, "Startseite")
    page.goto("/anmelden")
    audit.check(page, "Anmelden")
    submit(page, "Anmelden")
    expect_errors(page)
    audit.check(page, "Anmelden mit Fehlern")
    page.goto("/erklaerung/zugang")
    audit.check(page, "Einstieg für Eltern")
    page.get_by_role("link", name="Jetzt beginnen").click()
    submit(page, "Konto anlegen")
    expect_errors(page)
    audit.check(page, "Konto anlegen mit Fehlern")
    page.get_by_role("link", name="Datenschutz").click()
    audit.check(page, "Datenschutz")
    assert page.goto("/gibt-es-nicht").status == 404
    expect(page.get_by_role("heading", name="Seite nicht gefunden")).to_be_visible()
    audit.check(page, "Seite nicht gefunden (404)")

    audit.assert_no_violations()


def test_every_page_of_the_journey_has_no_axe_violations(axe_page, live_server):
    facility, parent, clerk, admin = axe_page(), axe_page(), axe_page(), axe_page()
    audit = axe.Audit()

    # The facility: its list, the admission form empty, with errors, and the list with the new child.
    steps.log_in(facility, steps.FACILITY)
    audit.check(facility, "Einrichtung: Kinderliste")
    facility.get_by_role("link", name="Aufnahme melden").click()
    audit.check(facility, "Einrichtung: Aufnahme melden")
    submit(facility, "Aufnahme melden")
    expect_errors(facility)
    audit.check(facility, "Einrichtung: Aufnahme melden mit Fehlern")
    facility.get_by_role("link", name="Zurück").click()
    steps.report_admission(facility)
    audit.check(facility, "Einrichtung: Kinderliste nach der Meldung")

    # The parents: account, case list, task list and every page of the declaration (with errors first).
    steps.register(parent, f"{live_server}/erklaerung/zugang#code={DEMO_CODE}")
    audit.check(parent, "Eltern: Beitragsfälle")
    parent.get_by_role("link", name="Einkommenserklärung ausfüllen").first.click()
    expect(parent.get_by_role("heading", name=f"Einkommenserklärung für {MIA}")).to_be_visible()
    audit.check(parent, "Eltern: Aufgabenliste")
    parent.evaluate("() => document.querySelector('dialog').showModal()")  # the warning before the timeout
    expect(parent.get_by_role("dialog", name="Sie werden bald abgemeldet")).to_be_visible()
    audit.check(parent, "Eltern: Hinweis vor dem Abmelden")
    parent.reload()

    steps.task(parent, "Angaben zum Kind prüfen")
    audit.check(parent, "Eltern: Kind")
    send_empty(parent, audit, "Eltern: Kind mit Fehlern")
    parent.get_by_label("Die Angaben zum Kind und zur Betreuung stimmen.").check()
    steps.next_page(parent)

    expect(parent.get_by_role("heading", name="Mit wem lebt das Kind zusammen?")).to_be_visible()
    audit.check(parent, "Eltern: Haushalt")
    send_empty(parent, audit, "Eltern: Haushalt mit Fehlern")
    parent.get_by_label("mit beiden Elternteilen").check()
    send_empty(parent, audit, "Eltern: Haushalt mit Fehlern bei den Namen")
    parent.get_by_label("Vorname des anderen Elternteils").fill("Max")
    parent.get_by_label("Nachname des anderen Elternteils").fill("Muster")
    steps.next_page(parent)

    for question, page_name, answer in [
        ("Bezieht Ihr Haushalt eine dieser Leistungen?", "Leistungen", "Keine dieser Leistungen"),
        ("Wie möchten Sie Ihr Einkommen angeben?", "Einkommen angeben oder Höchstbeitrag",
         "Ich gebe unser Einkommen an"),
    ]:
        expect(parent.get_by_role("heading", name=question)).to_be_visible()
        audit.check(parent, f"Eltern: {page_name}")
        send_empty(parent, audit, f"Eltern: {page_name} mit Fehlern")
        parent.get_by_label(answer).check()
        steps.next_page(parent)

    expect(parent.get_by_role("heading", level=1)).to_contain_text("Welches Einkommen hat")
    audit.check(parent, "Eltern: Einkommen des ersten Elternteils")
    parent.get_by_label("Einkünfte aus nichtselbstständiger Arbeit").fill("viel")
    send_empty(parent, audit, "Eltern: Einkommen des ersten Elternteils mit Fehlern")
    parent.get_by_label("Einkünfte aus nichtselbstständiger Arbeit").fill("52.000,00")
    steps.next_page(parent)
    expect(parent.get_by_role("heading", level=1)).to_contain_text("Welches Einkommen hat Max Muster")
    steps.next_page(parent)

    expect(parent.get_by_role("heading", name="Nachweise hochladen")).to_be_visible()
    audit.check(parent, "Eltern: Nachweise")
    parent.get_by_role("button", name="Datei hochladen").click()
    expect_errors(parent)
    audit.check(parent, "Eltern: Nachweise mit Fehlern")
    steps.upload_proof(parent, "lohnabrechnung.pdf")
    audit.check(parent, "Eltern: Nachweise mit hochgeladener Datei")
    steps.next_page(parent)

    expect(parent.get_by_role("heading", name="Von welchem Konto sollen wir den Beitrag abbuchen?")).to_be_visible()
    audit.check(parent, "Eltern: SEPA-Lastschriftmandat")
    parent.get_by_label("IBAN", exact=True).fill("DE00 1234")
    send_empty(parent, audit, "Eltern: SEPA-Lastschriftmandat mit Fehlern")
    parent.get_by_label("Kontoinhaberin oder Kontoinhaber").fill("Maria Muster")
    parent.get_by_label("IBAN", exact=True).fill("DE89 3704 0044 0532 0130 00")
    parent.get_by_label("Ich erteile das SEPA-Lastschriftmandat.").check()
    steps.next_page(parent)

    expect(parent.get_by_role("heading", name="Prüfen Sie Ihre Angaben")).to_be_visible()
    audit.check(parent, "Eltern: Prüfen und absenden")
    submit(parent, "Erklärung verbindlich absenden")
    expect(parent.get_by_role("heading", name="Ihre Erklärung ist abgesendet")).to_be_visible()
    audit.check(parent, "Eltern: Bestätigung")
    file_number = re.search(r"\d{2}-EB-\d{4}-\d{5}", parent.get_by_text("Ihr Aktenzeichen:").inner_text()).group(0)

    # The clerk: worklist, the case with its calculation and both decision forms, then the request.
    steps.log_in(clerk, steps.CLERK)
    audit.check(clerk, "Jugendamt: Arbeitsliste")
    steps.open_case_as_clerk(clerk, file_number)
    audit.check(clerk, "Jugendamt: eingereichter Fall")
    submit(clerk, "Prüfung beginnen")
    expect(clerk.locator("#calculation")).to_be_visible()
    expect(clerk.get_by_role("button", name="Beitrag festsetzen und Bescheid erstellen")).to_be_visible()
    audit.check(clerk, "Jugendamt: Fall mit Berechnung und Entscheidung")
    submit(clerk, "Nachweise anfordern")
    expect_errors(clerk)
    audit.check(clerk, "Jugendamt: Nachweise anfordern mit Fehlern")
    clerk.get_by_label("Welche Nachweise fehlen?").fill("Bitte die Dezember-Lohnabrechnung.")
    steps.fill_date(clerk, "Frist für die Nachweise", "31", "7", "2025")
    submit(clerk, "Nachweise anfordern")
    expect(clerk.locator("#case-status")).to_have_text("Nachweise angefordert")
    audit.check(clerk, "Jugendamt: Fall nach der Anforderung")

    # The parents see the request on their case page and on the task list, and send the declaration again.
    parent.get_by_role("link", name="Zum Beitragsfall").click()
    expect(parent.get_by_text("Bitte reichen Sie bis zum 31.07.2025 Nachweise ein.")).to_be_visible()
    audit.check(parent, "Eltern: Beitragsfall mit Anforderung")
    parent.get_by_role("link", name="Nachweise nachreichen").click()
    audit.check(parent, "Eltern: Aufgabenliste mit Anforderung")
    steps.task(parent, "Prüfen und absenden")
    submit(parent, "Erklärung verbindlich absenden")
    expect(parent.get_by_role("heading", name="Ihre Erklärung ist abgesendet")).to_be_visible()

    # The clerk sets the fee; the case page after approval; the parents' case page with the notice.
    clerk.reload()
    submit(clerk, "Prüfung beginnen")
    clerk.get_by_label(re.compile("^Vorläufig")).check()
    submit(clerk, "Beitrag festsetzen und Bescheid erstellen")
    expect(clerk.locator("#case-status")).to_have_text("Bescheid erteilt")
    audit.check(clerk, "Jugendamt: Fall nach der Festsetzung")
    clerk.get_by_role("link", name="Zurück").click()
    audit.check(clerk, "Jugendamt: Arbeitsliste nach der Festsetzung")

    parent.get_by_role("link", name="Zum Beitragsfall").click()
    expect(parent.get_by_role("link", name=re.compile("^Beitragsbescheid vom"))).to_be_visible()
    audit.check(parent, "Eltern: Beitragsfall mit Bescheid")

    # The administrator's overview.
    steps.log_in(admin, "verwaltung@musterstadt.example")
    audit.check(admin, "Verwaltung: Übersicht")

    audit.assert_no_violations()


def test_the_administrators_letterhead_page_has_no_axe_violations_empty_with_errors_and_with_a_logo(
        axe_page, live_server, tmp_path):
    admin, audit = axe_page(), axe.Audit()
    steps.log_in(admin, "verwaltung@musterstadt.example")
    admin.get_by_role("link", name=re.compile("^Briefkopf")).click()
    expect(admin.get_by_role("heading", name="Briefkopf und Bescheide", level=1)).to_be_visible()
    audit.check(admin, "Verwaltung: Briefkopf und Bescheide")

    admin.get_by_label("Name des Jugendamts").fill("")
    admin.get_by_label("Gläubiger-Identifikationsnummer").fill("DE97ZZZ09999999999")
    submit(admin, "Briefkopf speichern")
    expect_errors(admin)
    audit.check(admin, "Verwaltung: Briefkopf mit Fehlern")

    logo = tmp_path / "logo.png"
    logo.write_bytes(png_file())
    admin.get_by_label("Name des Jugendamts").fill("Jugendamt Musterstadt")
    admin.get_by_label("Gläubiger-Identifikationsnummer").fill("DE98ZZZ09999999999")
    admin.get_by_label("Neues Logo auswählen").set_input_files(str(logo))
    submit(admin, "Briefkopf speichern")
    expect(admin.get_by_role("img", name="Bisheriges Logo des Jugendamts")).to_be_visible()
    audit.check(admin, "Verwaltung: Briefkopf mit Logo")

    audit.assert_no_violations()


def test_the_declaration_and_the_admission_form_do_not_scroll_sideways_at_320_pixels(new_page, live_server):
    parent, facility = new_page(), new_page()
    for page in (parent, facility):
        page.set_viewport_size({"width": 320, "height": 640})
    too_wide: dict[str, int] = {}

    def measure(page: Page, heading: str | re.Pattern) -> None:
        """Once the page with this main heading is shown, note it if it is wider than the screen."""
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        page.wait_for_load_state("load")  # the style sheets applied: under load the heading can come first
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > 320:
            too_wide[f"{page.title()} – {page.url}"] = width

    steps.log_in(facility, steps.FACILITY)
    facility.get_by_role("link", name="Aufnahme melden").click()
    measure(facility, "Aufnahme melden")
    submit(facility, "Aufnahme melden")
    expect_errors(facility)
    measure(facility, "Aufnahme melden")

    steps.register(parent, f"{live_server}/erklaerung/zugang#code={DEMO_CODE}")
    parent.get_by_role("link", name="Einkommenserklärung ausfüllen").first.click()
    measure(parent, f"Einkommenserklärung für {MIA}")
    steps.task(parent, "Angaben zum Kind prüfen")
    measure(parent, "Stimmen diese Angaben zum Kind?")
    steps.next_page(parent)
    expect_errors(parent)
    measure(parent, "Stimmen diese Angaben zum Kind?")
    parent.get_by_label("Die Angaben zum Kind und zur Betreuung stimmen.").check()
    steps.next_page(parent)
    measure(parent, "Mit wem lebt das Kind zusammen?")
    steps.next_page(parent)
    expect_errors(parent)
    measure(parent, "Mit wem lebt das Kind zusammen?")
    parent.get_by_label("mit beiden Elternteilen").check()
    parent.get_by_label("Vorname des anderen Elternteils").fill("Max")
    parent.get_by_label("Nachname des anderen Elternteils").fill("Muster")
    steps.next_page(parent)
    measure(parent, "Bezieht Ihr Haushalt eine dieser Leistungen?")
    parent.get_by_label("Keine dieser Leistungen").check()
    steps.next_page(parent)
    measure(parent, "Wie möchten Sie Ihr Einkommen angeben?")
    parent.get_by_label("Ich gebe unser Einkommen an").check()
    steps.next_page(parent)
    measure(parent, re.compile("^Welches Einkommen hat Maria Muster"))
    parent.get_by_label("Einkünfte aus nichtselbstständiger Arbeit").fill("zweiundfünfzigtausend")
    steps.next_page(parent)
    expect_errors(parent)
    measure(parent, re.compile("^Welches Einkommen hat Maria Muster"))
    parent.get_by_label("Einkünfte aus nichtselbstständiger Arbeit").fill("52.000,00")
    steps.next_page(parent)
    measure(parent, re.compile("^Welches Einkommen hat Max Muster"))
    steps.next_page(parent)
    steps.upload_proof(parent, "lohnabrechnung-dezember-2024-arbeitgeber.pdf")
    measure(parent, "Nachweise hochladen")
    steps.next_page(parent)
    measure(parent, "Von welchem Konto sollen wir den Beitrag abbuchen?")
    steps.next_page(parent)
    expect_errors(parent)
    measure(parent, "Von welchem Konto sollen wir den Beitrag abbuchen?")
    parent.get_by_label("Kontoinhaberin oder Kontoinhaber").fill("Maria Muster")
    parent.get_by_label("IBAN", exact=True).fill("DE89 3704 0044 0532 0130 00")
    parent.get_by_label("Ich erteile das SEPA-Lastschriftmandat.").check()
    steps.next_page(parent)
    measure(parent, "Prüfen Sie Ihre Angaben")
    submit(parent, "Erklärung verbindlich absenden")
    measure(parent, "Ihre Erklärung ist abgesendet")

    assert too_wide == {}, f"Bei 320 px Breite muss man seitlich scrollen (Seite: scrollWidth in px): {too_wide}"
