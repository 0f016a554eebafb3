"""The sample of each notice kind (``flask notices sample``) read as text: debtors and greeting agree, free months
say why and name no bracket, care is told in the tense of the notice's date, a change gives its reason in law."""
from __future__ import annotations

import re
from datetime import date

import pytest

from elternbeitraege.services.notices import samples
from tests.helpers import pdf_text
from workflows import TRIGGER_LABELS

NOTICE_KINDS = ("fee", "amending", "final")
BEFORE_CARE, IN_CARE = date(2024, 7, 1), date(2025, 7, 1)  # the sample child is cared for from 01.08.2024


def sample_text(kind: str, today: date) -> str:
    return pdf_text(samples.render_sample(kind, samples.demo_office(), today))


@pytest.fixture(scope="module", params=NOTICE_KINDS)
def kind(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def texts(kind) -> dict[date, str]:
    return {today: sample_text(kind, today) for today in (BEFORE_CARE, IN_CARE)}


def test_every_notice_greets_exactly_the_parents_it_names_liable(texts):
    text = texts[IN_CARE]
    greeted = re.search(r"Guten Tag (.+?),", text).group(1).split(" und ")
    liable = re.search(r"Beitragspflichtig (\(als Gesamtschuldner\) )?(.+?) Kind ", text)
    assert liable.group(2) == " ".join(greeted)
    assert bool(liable.group(1)) == (len(greeted) > 1)
    assert ("haften als Gesamtschuldner" in text) == (len(greeted) > 1)


def test_every_notice_says_why_its_benefit_months_are_free_and_names_no_bracket_for_them(texts):
    text = texts[IN_CARE]
    assert "Mai 2025 2 Jahre und älter 35 Std. – 0,00 € beitragsfrei nach § 90 Abs. 4 SGB VIII: Bezug von Wohngeld" \
        in text
    assert not re.search(r"Std\. \d+ 0,00 €", text)


def test_every_notice_tells_the_care_in_the_tense_of_its_date(texts):
    assert "Ihr Kind Mia Muster wird ab dem 01.08.2024 in der Einrichtung" in texts[BEFORE_CARE]
    assert "seit dem" not in texts[BEFORE_CARE]
    assert "Ihr Kind Mia Muster wird seit dem 01.08.2024 in der Einrichtung" in texts[IN_CARE]


def test_every_notice_states_its_standing_and_no_workflow_step(kind, texts):
    text = texts[IN_CARE]
    assert not any(label in text for label in TRIGGER_LABELS.values())
    headings = {"fee": "Vorläufiger Beitragsbescheid", "amending": "Endgültiger Änderungsbescheid",
                "final": "Endgültiger Beitragsbescheid"}
    assert text.startswith(headings[kind])


def test_the_amending_sample_names_the_final_assessment_as_its_reason():
    text = sample_text("amending", IN_CARE)
    assert "Grund der Änderung Endgültige Festsetzung nach Prüfung des Einkommens 2025" in text
    assert "Nachberechnung" in text


def test_the_final_sample_confirms_the_provisional_notice_instead_of_amending_it():
    text = sample_text("final", IN_CARE)
    assert "Die Prüfung Ihres Einkommens bestätigt unseren vorläufigen Bescheid vom 03.03.2025" in text
    assert "ohne Änderung endgültig" in text
    assert "Änderungsbescheid" not in text and "Nachberechnung" not in text and "Grund der Änderung" not in text
