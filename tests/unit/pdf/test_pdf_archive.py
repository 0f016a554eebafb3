"""Every document is an archival PDF/A-3b; notices carry their assessment as JSON; output is deterministic."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from typing import Any

import pytest
from pypdf.generic import ArrayObject, BooleanObject, DictionaryObject

from pdf import render_document
from tests.unit.pdf.reading import ReadPdf

# kind, its sample rendered once per session, the factory of that same sample
KINDS = [
    ("fee_notice", "provisional_notice_pdf", "notice_factory"),
    ("amending_notice", "amending_pdf", "amending_factory"),
    ("invitation", "invitation_pdf", "invitation_factory"),
    ("reminder", "reminder_pdf", "reminder_factory"),
    ("proof_request", "proof_request_pdf", "proof_request_factory"),
    ("facility_notice", "facility_notice_pdf", "facility_notice_factory"),
]
KIND_IDS = [kind for kind, _, _ in KINDS]
LETTERS = ["invitation_pdf", "reminder_pdf", "proof_request_pdf"]
XMP = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
       "dc": "http://purl.org/dc/elements/1.1/"}
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


@pytest.fixture(params=[fixture for _, fixture, _ in KINDS], ids=KIND_IDS)
def document(request: pytest.FixtureRequest) -> ReadPdf:
    """Return each kind of document, rendered once per session."""
    return request.getfixturevalue(request.param)


def catalog(document: ReadPdf) -> DictionaryObject:
    """Return the document catalog (the PDF's root object)."""
    return document.reader.trailer["/Root"]


def xmp_value(document: ReadPdf, prefix: str, name: str) -> str | None:
    """Return a property of the XMP metadata, written as attribute or as element."""
    stream = catalog(document)["/Metadata"].get_object()
    root = ET.fromstring(stream.get_data())
    key = f"{{{XMP[prefix]}}}{name}"
    for description in root.iter(f"{{{XMP['rdf']}}}Description"):
        if key in description.attrib:
            return description.attrib[key]
        element = description.find(f"{prefix}:{name}", XMP)
        if element is not None:
            return "".join(element.itertext()).strip()
    return None


def fonts(resources: DictionaryObject) -> list[DictionaryObject]:
    """Return every font of a resource dictionary, of its form XObjects, and their descendant fonts."""
    found = []
    for font in resources.get("/Font", {}).values():
        font = font.get_object()
        found.append(font)
        found += [descendant.get_object() for descendant in font.get("/DescendantFonts", [])]
    for xobject in resources.get("/XObject", {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
            found += fonts(xobject["/Resources"].get_object())
    return found


def structure_types(node: Any) -> list[str]:
    """Return the structure types (/S) of a structure tree, depth first."""
    node = node.get_object()
    if isinstance(node, ArrayObject):
        return [kind for child in node for kind in structure_types(child)]
    if not isinstance(node, DictionaryObject):
        return []  # a marked-content id: a leaf
    own = [str(node["/S"])] if "/S" in node else []
    return own + (structure_types(node["/K"]) if "/K" in node else [])


def attachment(document: ReadPdf, name: str) -> dict[str, Any]:
    """Return the embedded JSON file ``name``, parsed."""
    return json.loads(document.reader.attachments[name][0])


def test_every_document_declares_pdf_a_3b_in_its_xmp_metadata(document) -> None:
    metadata = catalog(document)["/Metadata"].get_object()
    assert (metadata["/Type"], metadata["/Subtype"]) == ("/Metadata", "/XML")
    assert xmp_value(document, "pdfaid", "part") == "3"
    assert xmp_value(document, "pdfaid", "conformance") == "B"


def test_every_document_has_the_same_title_in_its_xmp_and_its_info(document) -> None:
    title = xmp_value(document, "dc", "title")
    assert title
    assert document.reader.metadata.title == title


def test_every_document_has_an_srgb_output_intent_for_pdf_a(document) -> None:
    intents = [intent.get_object() for intent in catalog(document)["/OutputIntents"]]
    assert [intent["/S"] for intent in intents] == ["/GTS_PDFA1"]
    profile = intents[0]["/DestOutputProfile"].get_object().get_data()
    assert profile[36:40] == b"acsp"  # the signature of an ICC colour profile
    assert "sRGB" in intents[0]["/OutputConditionIdentifier"]


def test_every_document_is_tagged_with_one_main_heading(document) -> None:
    root = catalog(document)
    assert root["/MarkInfo"]["/Marked"] == BooleanObject(True)
    types = structure_types(root["/StructTreeRoot"]["/K"])
    assert types[0] == "/Document"
    assert types.count("/H1") == 1
    assert {"/P", "/Table", "/TH", "/TD"} <= set(types)


def test_every_document_is_in_german(document) -> None:
    assert catalog(document)["/Lang"] == "de"


def test_every_font_of_every_document_is_embedded(document) -> None:
    checked = 0
    for page in document.reader.pages:
        for font in fonts(page["/Resources"].get_object()):
            if "/DescendantFonts" in font:
                continue  # a composite font: its descendant carries the descriptor
            descriptor = font["/FontDescriptor"].get_object()
            assert any(key in descriptor for key in FONT_FILES), f"{font['/BaseFont']} is not embedded"
            checked += 1
    assert checked >= 2  # regular and bold at least


@pytest.mark.parametrize("letter", LETTERS)
def test_letters_carry_no_attachment(request: pytest.FixtureRequest, letter: str) -> None:
    document = request.getfixturevalue(letter)
    assert dict(document.reader.attachments) == {}
    assert "/AF" not in catalog(document)


@pytest.mark.parametrize(("notice", "name"), [
    ("provisional_notice_pdf", "festsetzung.json"),
    ("amending_pdf", "festsetzung.json"),
    ("facility_notice_pdf", "mitteilung.json"),
])
def test_notices_embed_one_json_file_as_their_data(request: pytest.FixtureRequest, notice: str, name: str) -> None:
    document = request.getfixturevalue(notice)
    assert list(document.reader.attachments) == [name]
    specs = {id(spec.get_object()): spec.get_object() for spec in catalog(document)["/AF"]}
    assert [(spec["/UF"], spec["/AFRelationship"]) for spec in specs.values()] == [(name, "/Data")]
    assert next(iter(specs.values()))["/EF"]["/F"].get_object()["/Subtype"] == "/application/json"


@pytest.mark.parametrize(("notice", "provisional", "assessment"), [
    ("provisional_notice_pdf", True, "provisional"),
    ("final_notice_pdf", False, "final"),
])
def test_fee_notice_attachment_names_the_case_as_the_notice_does(
    request: pytest.FixtureRequest, notice_factory, notice: str, provisional: bool, assessment: str,
) -> None:
    data = attachment(request.getfixturevalue(notice), "festsetzung.json")
    context = notice_factory(provisional=provisional)
    assert (data["kind"], data["assessment"]) == ("fee_notice", assessment)
    assert data["issuer"] == context.letter.office.name == "Jugendamt Musterstadt"
    assert data["date"] == "2024-07-15"
    assert data["file_number"] == context.letter.file_number == "51.2-2024-00817"
    assert data["cash_reference"] == context.cash_reference == "5.0817.000123.4"
    assert data["addressees"] == list(context.letter.recipient_lines)
    assert data["child"] == {"name": context.child_name, "birth_date": "2023-03-04"}
    assert (data["facility"], data["care_kind"], data["weekly_hours"]) == (
        context.facility_name, context.care_kind_label, context.weekly_hours)
    assert data["income_basis"] == context.income_basis
    assert data["statute"] == {"id": context.statute_id, "title": context.statute_title, "date": "02.03.2020"}


def test_fee_notice_attachment_lists_every_month_with_its_amount(provisional_notice_pdf, notice_factory) -> None:
    data = attachment(provisional_notice_pdf, "festsetzung.json")
    context = notice_factory()
    assert data["period"] == {"from": "2024-08", "to": "2025-07"}
    assert [row["month"] for row in data["months"]] == [f"{row.month:%Y-%m}" for row in context.months]
    assert [row["amount"] for row in data["months"]] == ["1234.56"] + ["145.00"] * 11
    for row, month in zip(data["months"], context.months, strict=True):
        assert (row["bracket"], row["age_group"], row["hours"]) == (month.bracket, month.age_group_label, month.hours)
        assert row["reasons"] == list(month.reasons)
    assert data["total"] == f"{context.total:.2f}" == "2829.56"
    assert data["payment"] == {"due_day": 15, "sepa_mandate_reference": "EB-2024-000817",
                               "iban_masked": "DE89 **** **** **** **30 00"}


def test_amending_notice_attachment_holds_the_new_assessment_and_the_recalculation(
    amending_pdf, amending_factory,
) -> None:
    data = attachment(amending_pdf, "festsetzung.json")
    context = amending_factory()
    assert data["kind"] == "amending_notice"
    assert (data["file_number"], data["cash_reference"]) == ("51.2-2024-00817", "5.0817.000123.4")
    assert [row["amount"] for row in data["months"]] == [f"{row.amount:.2f}" for row in context.notice.months]
    assert data["replaces"] == {"date": "2024-07-01", "name": context.replaces_file_name}
    assert data["change_reason"] == context.change_reason
    recalculation = data["recalculation"]
    assert recalculation["months"] == [
        {"month": "2024-08", "old": "1284.56", "new": "1234.56", "difference": "-50.00"},
        {"month": "2024-09", "old": "195.00", "new": "145.00", "difference": "-50.00"},
    ]
    assert len(recalculation["months"]) == len(context.differences)
    assert recalculation["old_total"] == f"{context.old_total:.2f}" == "2929.56"
    assert recalculation["new_total"] == data["total"] == "2829.56"
    assert recalculation["balance"] == f"{context.balance:.2f}" == "-100.00"


def test_facility_notice_attachment_lists_the_children_as_the_letter_does(
    facility_notice_pdf, facility_notice_factory,
) -> None:
    data = attachment(facility_notice_pdf, "mitteilung.json")
    context = facility_notice_factory()
    assert (data["kind"], data["facility"], data["reference"]) == (
        "facility_notice", "Kita Sonnenschein", context.letter.file_number)
    assert (data["issuer"], data["date"]) == ("Jugendamt Musterstadt", "2024-07-15")
    assert data["children"] == [
        {"name": child.child_name, "birth_date": child.child_birth_date.isoformat(),
         "file_number": child.file_number, "care_kind": child.care_kind_label,
         "weekly_hours": child.weekly_hours, "care_start": child.care_start.isoformat(), "status": child.status}
        for child in context.children
    ]
    assert data["children"][1]["weekly_hours"] is None


def test_facility_notice_attachment_mentions_no_money_and_no_income(facility_notice_pdf) -> None:
    data = attachment(facility_notice_pdf, "mitteilung.json")
    assert set(data) == {"schema", "kind", "issuer", "date", "reference", "facility", "children"}
    words = [*data, *(key for child in data["children"] for key in child)]
    words += [str(value) for value in data.values() if not isinstance(value, list)]
    words += [str(value) for child in data["children"] for value in child.values()]
    for word in words:
        for forbidden in ("amount", "total", "income", "bracket", "balance", "payment", "iban", "mandate",
                          "statute", "€", "eur", "einkommen", "betrag"):
            assert forbidden not in word.lower(), word


@pytest.mark.parametrize(("fixture", "factory"), [(f, factory) for _, f, factory in KINDS], ids=KIND_IDS)
def test_the_same_context_renders_to_the_same_bytes(
    request: pytest.FixtureRequest, fixture: str, factory: str,
) -> None:
    rendered_before = request.getfixturevalue(fixture).data
    assert render_document(request.getfixturevalue(factory)()) == rendered_before


# one change per kind, and the text that shows it
CHANGES = [
    ("provisional_notice_pdf", "notice_factory", {"cash_reference": "5.0817.000999.9"}, "5.0817.000999.9"),
    ("amending_pdf", "amending_factory", {"change_reason": "Änderung des Einkommens"}, "Änderung des Einkommens"),
    ("invitation_pdf", "invitation_factory", {"access_code": "ZZZZ-YYYY-XXXX"}, "ZZZZ-YYYY-XXXX"),
    ("reminder_pdf", "reminder_factory", {"reply_by": date(2024, 9, 6)}, "bis zum 06.09.2024"),
    ("proof_request_pdf", "proof_request_factory", {"child_name": "Noah Muster"}, "Noah Muster"),
    ("facility_notice_pdf", "facility_notice_factory", {"facility_name": "Kita Regenbogen"}, "Kita Regenbogen"),
]


@pytest.mark.parametrize(("fixture", "factory", "changes", "shown"), CHANGES, ids=KIND_IDS)
def test_a_changed_context_renders_to_other_bytes(
    request: pytest.FixtureRequest, fixture: str, factory: str, changes: dict[str, Any], shown: str,
) -> None:
    changed = ReadPdf(render_document(request.getfixturevalue(factory)(**changes)))
    assert changed.data != request.getfixturevalue(fixture).data
    assert shown in changed


def test_a_change_only_the_attachment_carries_still_changes_the_bytes(provisional_notice_pdf, notice_factory) -> None:
    changed = ReadPdf(render_document(notice_factory(statute_id="kreis-guetersloh-2020")))
    assert changed.text == provisional_notice_pdf.text
    assert changed.data != provisional_notice_pdf.data
    assert attachment(changed, "festsetzung.json")["statute"]["id"] == "kreis-guetersloh-2020"
    assert attachment(provisional_notice_pdf, "festsetzung.json")["statute"]["id"] is None
