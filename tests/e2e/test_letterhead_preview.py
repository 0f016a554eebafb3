"""The letterhead page in the browser: the preview follows what is typed, the PDF preview, and no JavaScript needed."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.e2e import steps
from tests.e2e.conftest import TIMEOUT_MS
from tests.helpers import pdf_text

pytestmark = pytest.mark.e2e

ADMIN = "verwaltung@musterstadt.example"
PAGE = "/verwaltung/briefkopf"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (30, 12), (20, 60, 120)).save(buffer, "PNG")
    return buffer.getvalue()


def open_letterhead(page: Page) -> None:
    steps.log_in(page, ADMIN)
    page.goto(PAGE)
    expect(page.get_by_role("heading", name="Briefkopf und Bescheide", level=1)).to_be_visible()


def preview(page: Page):
    return page.locator("[data-letterhead-preview]")


def test_typing_a_new_name_updates_the_preview_without_reloading_the_page(new_page):
    page = new_page()
    open_letterhead(page)
    page.evaluate("() => { window.notReloaded = true; }")
    name = preview(page).locator(".letter-preview__name")
    expect(name).to_have_text("Jugendamt Musterstadt")

    field = page.get_by_label("Name des Jugendamts")
    field.clear()
    field.press_sequentially("Jugendamt Neustadt")
    expect(name).to_have_text("Jugendamt Neustadt")
    expect(preview(page).locator(".letter-preview__return")).to_contain_text("Jugendamt Neustadt · Rathausplatz 1")
    page.get_by_label("Telefon").fill("0444 12-34")
    expect(preview(page).locator(".letter-preview__info")).to_contain_text("Telefon 0444 12-34")
    assert page.evaluate("() => window.notReloaded") is True
    assert page.url.endswith(PAGE)


def test_the_preview_shows_typed_markup_as_plain_text(new_page):
    page = new_page()
    open_letterhead(page)
    page.get_by_label("Name des Jugendamts").fill('<img src=x onerror="window.hacked=1">Amt')
    name = preview(page).locator(".letter-preview__name")
    expect(name).to_have_text('<img src=x onerror="window.hacked=1">Amt')
    assert name.locator("img").count() == 0
    assert page.evaluate("() => window.hacked") is None


def test_a_chosen_logo_shows_in_the_preview_and_logo_entfernen_hides_it_again(new_page, tmp_path):
    page = new_page()
    open_letterhead(page)
    logo = tmp_path / "logo.png"
    logo.write_bytes(png())
    page.get_by_label("Neues Logo auswählen").set_input_files(str(logo))
    image = preview(page).get_by_role("img", name="Logo im Briefkopf")
    expect(image).to_be_visible()
    assert image.get_attribute("src").startswith("data:image/png;base64,")

    page.get_by_role("button", name="Briefkopf speichern").click()
    expect(page.get_by_role("status").filter(has_text="Der Briefkopf ist gespeichert.")).to_be_visible()
    expect(page.get_by_role("img", name="Bisheriges Logo des Jugendamts")).to_be_visible()
    page.get_by_label("Logo entfernen").check()
    expect(preview(page).get_by_role("img", name="Logo im Briefkopf")).to_be_hidden()


def test_vorschau_als_pdf_downloads_a_notice_with_the_typed_name_and_saves_nothing(new_page):
    page = new_page()
    open_letterhead(page)
    page.get_by_label("Name des Jugendamts").fill("Jugendamt Vorschaustadt")
    with page.expect_download() as download:
        page.get_by_role("button", name="Vorschau als PDF").click()
    assert download.value.suggested_filename == "Vorschau-Beitragsbescheid.pdf"
    assert "Jugendamt Vorschaustadt" in pdf_text(Path(download.value.path()).read_bytes())
    page.reload()
    expect(page.get_by_label("Name des Jugendamts")).to_have_value("Jugendamt Musterstadt")


@pytest.fixture
def page_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server, locale="de-DE", java_script_enabled=False)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def test_without_javascript_the_letterhead_is_saved_and_the_preview_shows_it(page_without_javascript):
    page = page_without_javascript
    open_letterhead(page)
    page.get_by_label("Name des Jugendamts").fill("Jugendamt Neustadt")
    page.get_by_label("IBAN").fill("")
    page.get_by_role("button", name="Briefkopf speichern").click()
    expect(page.get_by_role("link", name="Geben Sie die IBAN des Jugendamts an", exact=False)).to_be_visible()
    expect(page.get_by_label("Name des Jugendamts")).to_have_value("Jugendamt Neustadt")
    page.get_by_label("IBAN").fill("de89 3704 0044 0532 0130 00")
    page.get_by_role("button", name="Briefkopf speichern").click()
    expect(page.get_by_role("status").filter(has_text="Der Briefkopf ist gespeichert.")).to_be_visible()
    expect(page.get_by_label("IBAN")).to_have_value("DE89 3704 0044 0532 0130 00")
    expect(preview(page).locator(".letter-preview__name")).to_have_text("Jugendamt Neustadt")


def test_the_letterhead_page_does_not_scroll_sideways_at_320_pixels(new_page):
    page = new_page()
    page.set_viewport_size({"width": 320, "height": 640})
    open_letterhead(page)
    page.get_by_label("Name des Jugendamts").fill("")
    page.get_by_role("button", name="Briefkopf speichern").click()
    expect(page.get_by_role("heading", name="Es gibt ein Problem")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
