"""A 320-pixel-wide screen (WCAG 1.4.10 Reflow): no page of any role scrolls sideways, nothing is cut off.

Every page each role meets is opened at 320 px; the document must not be wider than the screen.
Wide tables may scroll inside a labelled, focusable region that says so; where a table's meaning
needs every column (the parents' proofs, the facility's children), its rows stack into cards with
a label before each value, so that the remove button and the status are seen without scrolling.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from elternbeitraege.services.demo import DEMO_CODE
from tests.e2e import steps

pytestmark = pytest.mark.e2e

WIDTH = 320
MIA = "Mia Muster"
LONG_FILE_NAME = "Lohnabrechnung-Dezember-2024-Arbeitgeber-Musterfirma-GmbH-Personalabteilung.pdf"
ADMIN = "verwaltung@musterstadt.example"

# Every element or piece of text that reaches past the right edge, unless inside a region that scrolls on its own.
OVERFLOWING = """(width) => {
    const scrollsOnItsOwn = (element) => {
        for (let parent = element; parent && parent !== document.body; parent = parent.parentElement) {
            if (getComputedStyle(parent).overflowX !== 'visible') return true;
        }
        return false;
    };
    const name = (element) => element.tagName.toLowerCase() + (element.id ? '#' + element.id : '')
        + [...element.classList].map((c) => '.' + c).join('');
    const found = [];
    for (const element of document.querySelectorAll('body *')) {
        if (element.getBoundingClientRect().right > width + 0.5 && !scrollsOnItsOwn(element.parentElement)) {
            found.push(name(element));
        }
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(text);
        if (range.getBoundingClientRect().right > width + 0.5 && !scrollsOnItsOwn(text.parentElement)) {
            found.push(name(text.parentElement) + ' „' + text.textContent.trim().slice(0, 40) + '“');
        }
    }
    return found;
}"""


class Screen:
    """Notes every page that is wider than the screen, with the elements that reach past its edge."""

    def __init__(self) -> None:
        self.too_wide: dict[str, dict] = {}

    def open(self, new_page) -> Page:
        page = new_page()
        page.set_viewport_size({"width": WIDTH, "height": 640})
        return page

    def measure(self, page: Page, heading: str | re.Pattern) -> None:
        """Once the page with this main heading is shown, note it if it scrolls sideways."""
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > WIDTH:
            self.too_wide[f"{page.title()} – {page.url}"] = {
                "scrollWidth": width, "Elemente": page.evaluate(OVERFLOWING, WIDTH)[:8]}

    def assert_fits(self) -> None:
        assert self.too_wide == {}, f"Bei {WIDTH} px Breite muss man seitlich scrollen: {self.too_wide}"


def submit(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()


def expect_errors(page: Page) -> None:
    expect(page).to_have_title(re.compile("^Fehler: "))


def within_screen(page: Page, locator) -> bool:
    """Tell whether the element is drawn wholly inside the screen's width."""
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH


def test_the_pages_anyone_can_open_do_not_scroll_sideways_at_320_pixels(new_page, live_server):
    screen = Screen()
    page = screen.open(new_page)

    page.goto("/")
    screen.measure(page, re.compile("."))
    page.goto("/anmelden")
    screen.measure(page, "Anmelden")
    submit(page, "Anmelden")
    expect_errors(page)
    screen.measure(page, "Anmelden")
    page.goto("/erklaerung/zugang")
    screen.measure(page, "Einkommenserklärung für den Elternbeitrag")
    page.get_by_role("link", name="Jetzt beginnen").click()
    screen.measure(page, "Konto anlegen")
    submit(page, "Konto anlegen")
    expect_errors(page)
    screen.measure(page, "Konto anlegen")
    page.get_by_role("link", name="Datenschutz").click()
    screen.measure(page, re.compile("Datenschutz"))
    page.goto("/gibt-es-nicht")
    screen.measure(page, "Seite nicht gefunden")

    screen.assert_fits()


def test_the_administrators_pages_do_not_scroll_sideways_at_320_pixels(new_page, live_server):
    screen = Screen()
    admin = screen.open(new_page)
    steps.log_in(admin, ADMIN)

    for path in ("/verwaltung/", "/verwaltung/satzungen", "/verwaltung/satzungen/hochladen",
                 "/verwaltung/satzungen/anwenden", "/verwaltung/ablauf", "/verwaltung/ablauf/einstellungen",
                 "/verwaltung/briefkopf"):
        admin.goto(path)
        screen.measure(admin, re.compile("."))

    screen.assert_fits()


def test_the_facility_the_parents_and_the_clerk_do_not_scroll_sideways_at_320_pixels(new_page, live_server):
    screen = Screen()
    facility, parent, clerk = screen.open(new_page), screen.open(new_page), screen.open(new_page)

    steps.log_in(facility, steps.FACILITY)
    screen.measure(facility, "Unsere Kinder")
    facility.get_by_role("link", name="Aufnahme melden").click()
    screen.measure(facility, "Aufnahme melden")
    submit(facility, "Aufnahme melden")
    expect_errors(facility)
    screen.measure(facility, "Aufnahme melden")
    facility.goto("/einrichtung/")
    facility.get_by_role("link", name=MIA).click()
    screen.measure(facility, re.compile(MIA))

    steps.register(parent, f"{live_server}/erklaerung/zugang#code={DEMO_CODE}")
    screen.measure(parent, "Ihre Beitragsfälle")
    parent.get_by_role("link", name=re.compile(f"^{MIA}")).click()
    screen.measure(parent, re.compile(MIA))
    parent.get_by_role("link", name="Einkommenserklärung ausfüllen").first.click()
    screen.measure(parent, f"Einkommenserklärung für {MIA}")
    steps.task(parent, "Angaben zum Kind prüfen")
    steps.next_page(parent)
    expect_errors(parent)
    screen.measure(parent, "Stimmen diese Angaben zum Kind?")
    parent.get_by_label("Die Angaben zum Kind und zur Betreuung stimmen.").check()
    steps.next_page(parent)
    steps.next_page(parent)
    expect_errors(parent)
    screen.measure(parent, "Mit wem lebt das Kind zusammen?")
    parent.get_by_label("mit beiden Elternteilen").check()
    parent.get_by_label("Vorname des anderen Elternteils").fill("Max")
    parent.get_by_label("Nachname des anderen Elternteils").fill("Muster")
    steps.next_page(parent)
    screen.measure(parent, "Bezieht Ihr Haushalt eine dieser Leistungen?")
    parent.get_by_label("Keine dieser Leistungen").check()
    steps.next_page(parent)
    screen.measure(parent, "Wie möchten Sie Ihr Einkommen angeben?")
    parent.get_by_label("Ich gebe unser Einkommen an").check()
    steps.next_page(parent)
    parent.get_by_label("Einkünfte aus nichtselbstständiger Arbeit").fill("viel")
    steps.next_page(parent)
    expect_errors(parent)
    screen.measure(parent, re.compile("^Welches Einkommen hat Maria Muster"))
    parent.get_by_label("Einkünfte aus nichtselbstständiger Arbeit").fill("52.000,00")
    steps.next_page(parent)
    steps.next_page(parent)
    steps.upload_proof(parent, LONG_FILE_NAME)
    screen.measure(parent, "Nachweise hochladen")
    steps.next_page(parent)
    screen.measure(parent, "Von welchem Konto sollen wir den Beitrag abbuchen?")
    parent.get_by_label("Kontoinhaberin oder Kontoinhaber").fill("Maria Muster")
    parent.get_by_label("IBAN", exact=True).fill("DE89 3704 0044 0532 0130 00")
    parent.get_by_label("Ich erteile das SEPA-Lastschriftmandat.").check()
    steps.next_page(parent)
    screen.measure(parent, "Prüfen Sie Ihre Angaben")
    submit(parent, "Erklärung verbindlich absenden")
    screen.measure(parent, "Ihre Erklärung ist abgesendet")
    file_number = re.search(r"\d{2}-EB-\d{4}-\d{5}", parent.get_by_text("Ihr Aktenzeichen:").inner_text()).group(0)

    steps.log_in(clerk, steps.CLERK)
    screen.measure(clerk, "Arbeitsliste")
    steps.open_case_as_clerk(clerk, file_number)
    screen.measure(clerk, re.compile(file_number))
    submit(clerk, "Prüfung beginnen")
    expect(clerk.locator("#calculation")).to_be_visible()
    screen.measure(clerk, re.compile(file_number))
    submit(clerk, "Nachweise anfordern")
    expect_errors(clerk)
    screen.measure(clerk, re.compile(file_number))
    clerk.get_by_label(re.compile("^Vorläufig")).check()
    submit(clerk, "Beitrag festsetzen und Bescheid erstellen")
    expect(clerk.locator("#case-status")).to_have_text("Bescheid erteilt")
    screen.measure(clerk, re.compile(file_number))

    parent.get_by_role("link", name="Zum Beitragsfall").click()
    screen.measure(parent, re.compile(MIA))
    facility.goto("/einrichtung/")
    screen.measure(facility, "Unsere Kinder")

    screen.assert_fits()


def test_on_a_narrow_screen_the_proofs_list_shows_each_name_in_words_and_its_remove_button_whole(
        new_page, live_server):
    parent = Screen().open(new_page)
    steps.register(parent, f"{live_server}/erklaerung/zugang#code={DEMO_CODE}")
    parent.get_by_role("link", name="Einkommenserklärung ausfüllen").first.click()
    steps.task(parent, "Nachweise hochladen")
    steps.upload_proof(parent, LONG_FILE_NAME)

    proofs = parent.get_by_role("table", name="Hochgeladene Nachweise")
    remove = proofs.get_by_role("button", name=f"Entfernen {LONG_FILE_NAME}")
    assert within_screen(parent, remove), "„Entfernen“ muss ganz zu sehen sein"
    name = proofs.get_by_role("row").filter(has_text=LONG_FILE_NAME).get_by_role("cell").first
    expect(name).to_have_text(LONG_FILE_NAME)
    assert within_screen(parent, name)
    lines = name.evaluate("(cell) => { const range = document.createRange(); range.selectNodeContents(cell);"
                          " return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size; }")
    assert lines <= 4, f"Der Dateiname bricht in {lines} Zeilen um statt an seinen Bindestrichen"


def test_on_a_narrow_screen_the_facility_sees_each_childs_status_with_its_label(new_page, live_server):
    facility = Screen().open(new_page)
    steps.log_in(facility, steps.FACILITY)

    children = facility.get_by_role("table", name="Kinder und Stand des Beitragsverfahrens")
    status = children.get_by_role("row").filter(has_text=MIA).get_by_role("cell", name=re.compile("^Beitragsverfahren"))
    expect(status).to_contain_text("Erklärung der Eltern ausstehend")
    expect(status).to_be_in_viewport()
    assert within_screen(facility, status), "Der Stand des Verfahrens liegt außerhalb des Bildschirms"
