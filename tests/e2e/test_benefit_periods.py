"""In the browser, the benefit page asks for the months of the benefit notice as Monat and Jahr, only while a
benefit is chosen; wrong months come back all at once, linked from the error summary, with nothing lost; the page
has no axe violations and does not scroll sideways at 320 pixels."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from elternbeitraege.services.demo import DEMO_CODE
from tests.e2e import axe, steps

pytestmark = pytest.mark.e2e


def open_benefit_page(page: Page, live_server: str) -> None:
    steps.register(page, f"{live_server}/erklaerung/zugang#code={DEMO_CODE}")
    page.get_by_role("link", name="Einkommenserklärung ausfüllen").first.click()
    steps.task(page, "Angaben zum Kind prüfen")
    page.get_by_label("Die Angaben zum Kind und zur Betreuung stimmen.").check()
    steps.next_page(page)
    page.get_by_label("mit einem Elternteil").check()
    steps.next_page(page)
    expect(page.get_by_role("heading", name="Bezieht Ihr Haushalt eine dieser Leistungen?")).to_be_visible()


def test_the_months_are_asked_only_with_a_benefit_and_wrong_ones_come_back_all_at_once(new_page, live_server):
    page = new_page()
    axe.serve(page.context, axe.source())
    audit = axe.Audit()
    open_benefit_page(page, live_server)
    months = page.get_by_role("group", name="Für welche Monate ist die Leistung bewilligt?")
    page.get_by_label("Keine dieser Leistungen").check()
    expect(months).to_be_hidden()
    page.get_by_label("Bürgergeld").check()
    expect(months).to_be_visible()
    audit.check(page, "Leistungen mit Bewilligungszeitraum")

    since = page.get_by_role("group", name="Bewilligt ab")
    until = page.get_by_role("group", name="Bewilligt bis")
    since.get_by_label("Monat").fill("3")
    since.get_by_label("Jahr").fill("2026")
    until.get_by_label("Monat").fill("12")
    until.get_by_label("Jahr").fill("2025")
    page.get_by_label("bis auf Weiteres (der Bescheid nennt kein Ende)").check()
    steps.next_page(page)

    expect(page).to_have_title(re.compile("^Fehler: "))
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text([re.compile("nicht beides")])
    audit.check(page, "Leistungen mit Fehlern beim Bewilligungszeitraum")
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    page.set_viewport_size({"width": 1280, "height": 720})
    page.get_by_label("bis auf Weiteres (der Bescheid nennt kein Ende)").uncheck()
    steps.next_page(page)
    expect(summary.get_by_role("link")).to_have_text([re.compile("Das Ende darf nicht vor dem Beginn liegen")])
    expect(until.get_by_label("Monat")).to_have_value("12")
    expect(since.get_by_label("Jahr")).to_have_value("2026")
    summary.get_by_role("link").click()
    expect(until.get_by_label("Monat")).to_be_focused()

    since.get_by_label("Monat").fill("11")
    since.get_by_label("Jahr").fill("2025")
    until.get_by_label("Monat").fill("2")
    until.get_by_label("Jahr").fill("2026")
    steps.next_page(page)
    expect(page.get_by_role("heading", name="Wie möchten Sie Ihr Einkommen angeben?")).to_be_visible()
    audit.assert_no_violations()
