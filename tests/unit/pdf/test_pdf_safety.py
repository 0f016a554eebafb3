"""Untrusted text prints as text: no markup, no template code, no fetching of files or hosts."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from jinja2.sandbox import SandboxedEnvironment

from pdf import (
    render,
    render_amending_notice,
    render_facility_notice,
    render_fee_notice,
    render_invitation,
    render_proof_request,
    render_reminder,
)

SCRIPT = "<script>alert(1)</script>"
PATH = "../../etc/passwd"
IMG = '<img src="file:///etc/passwd">'
TEMPLATE_CODE = "{{ 7 * 7 }}"
TIGHT_TEMPLATE_CODE = "{{ 7*7 }}"


@pytest.fixture
def fetched_urls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every URL the renderer fetches."""
    urls: list[str] = []
    original = render.FETCHER.fetch

    def recording_fetch(url: str, headers: dict | None = None):
        urls.append(url)
        return original(url, headers)

    monkeypatch.setattr(render.FETCHER, "fetch", recording_fetch)
    return urls


@pytest.fixture
def hostile_letter(letter_factory):
    return letter_factory(
        recipient_lines=(IMG, SCRIPT, "Lindenweg 7", "33330 Musterstadt"),
        salutation=f"Sehr geehrte Frau {TEMPLATE_CODE},",
        file_number=PATH,
    )


def test_hostile_names_print_literally_in_the_fee_notice(
    notice_factory, months_factory, hostile_letter, read_pdf, fetched_urls,
) -> None:
    notice = notice_factory(
        letter=hostile_letter, child_name=SCRIPT, facility_name=PATH,
        months=months_factory(1, reasons=(IMG,)), reasoning=(f"<b>{TEMPLATE_CODE}</b>",),
    )
    document = read_pdf(render_fee_notice(notice))
    for literal in (SCRIPT, PATH, IMG, f"Sehr geehrte Frau {TEMPLATE_CODE},", f"<b>{TEMPLATE_CODE}</b>"):
        assert literal in document
    assert "root:" not in document
    assert "Sehr geehrte Frau 49" not in document
    assert fetched_urls == []


def test_hostile_names_print_literally_in_the_invitation(
    invitation_factory, hostile_letter, read_pdf, fetched_urls,
) -> None:
    invitation = invitation_factory(
        letter=hostile_letter, child_name=SCRIPT, facility_name=PATH, access_code=IMG,
        code_entry_url="javascript:alert(1)",
    )
    document = read_pdf(render_invitation(invitation))
    for literal in (SCRIPT, PATH, IMG, "javascript:alert(1)"):
        assert literal in document
    assert "root:" not in document
    assert all(url.startswith("data:image/svg+xml;base64,") for url in fetched_urls)
    assert len(fetched_urls) == 1


def test_hostile_names_print_literally_in_the_reminder(
    reminder_factory, hostile_letter, read_pdf, fetched_urls,
) -> None:
    reminder = reminder_factory(
        letter=hostile_letter, child_name=SCRIPT, facility_name=IMG, code_entry_url=TEMPLATE_CODE,
    )
    document = read_pdf(render_reminder(reminder))
    for literal in (SCRIPT, PATH, IMG, TEMPLATE_CODE):
        assert literal in document
    assert "root:" not in document
    assert fetched_urls == []


def test_hostile_message_prints_literally_in_the_proof_request(
    proof_request_factory, hostile_letter, read_pdf, fetched_urls,
) -> None:
    request = proof_request_factory(
        letter=hostile_letter, child_name=SCRIPT, message=f"{IMG}\n<b>{TEMPLATE_CODE}</b>\n\n<br>",
        portal_url="javascript:alert(1)",
    )
    document = read_pdf(render_proof_request(request))
    for literal in (SCRIPT, PATH, IMG, f"<b>{TEMPLATE_CODE}</b>", "<br>", "javascript:alert(1)"):
        assert literal in document
    assert "root:" not in document
    assert fetched_urls == []


def test_hostile_names_print_literally_in_the_amending_notice(
    amending_factory, notice_factory, hostile_letter, read_pdf, fetched_urls,
) -> None:
    amending = amending_factory(
        notice=notice_factory(letter=hostile_letter, child_name=SCRIPT),
        replaces_file_name=IMG, change_reason=f"<b>{TEMPLATE_CODE}</b>",
    )
    document = read_pdf(render_amending_notice(amending))
    for literal in (SCRIPT, PATH, IMG, f"<b>{TEMPLATE_CODE}</b>"):
        assert literal in document
    assert "root:" not in document
    assert fetched_urls == []


def test_hostile_names_print_literally_in_the_facility_notice(
    facility_notice_factory, facility_children_factory, hostile_letter, read_pdf, fetched_urls,
) -> None:
    first, second, third = facility_children_factory(3)
    children = (
        replace(first, child_name=SCRIPT, file_number=PATH),
        replace(second, child_name=IMG, care_kind_label=TEMPLATE_CODE),
        replace(third, child_name=PATH, status=f"<b>{TIGHT_TEMPLATE_CODE}</b>"),
    )
    notice = facility_notice_factory(letter=hostile_letter, facility_name=TIGHT_TEMPLATE_CODE, children=children)
    document = read_pdf(render_facility_notice(notice))
    for literal in (SCRIPT, PATH, IMG, TEMPLATE_CODE, f"<b>{TIGHT_TEMPLATE_CODE}</b>",
                    f"3 Kinder in der Einrichtung „{TIGHT_TEMPLATE_CODE}“"):
        assert literal in document
    assert "root:" not in document
    assert "„49“" not in document and "<b>49</b>" not in document
    assert fetched_urls == []


def test_hostile_names_reach_the_facility_notice_attachment_unchanged(
    facility_notice_factory, facility_children_factory, read_pdf,
) -> None:
    children = tuple(replace(child, child_name=name) for child, name in zip(
        facility_children_factory(4), (SCRIPT, PATH, IMG, TIGHT_TEMPLATE_CODE), strict=True))
    document = read_pdf(render_facility_notice(facility_notice_factory(facility_name=IMG, children=children)))
    data = json.loads(document.reader.attachments["mitteilung.json"][0])
    assert data["facility"] == IMG
    assert [child["name"] for child in data["children"]] == [SCRIPT, PATH, IMG, TIGHT_TEMPLATE_CODE]


def test_markup_in_facility_and_child_names_is_escaped_in_the_html(facility_notice_factory) -> None:
    [child] = facility_notice_factory().children[:1]
    notice = facility_notice_factory(facility_name=SCRIPT, children=(replace(child, child_name=IMG),))
    html = render.render_html("facility_notice.html", notice.letter, doc=notice)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    assert SCRIPT not in html and IMG not in html


def test_markup_in_values_is_escaped_in_the_html(notice_factory) -> None:
    html = render.render_html(
        "fee_notice.html", notice_factory().letter, doc=notice_factory(child_name=IMG), names=("x",),
        period_start=None, period_end=None,
    )
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    assert IMG not in html


def test_templates_run_sandboxed_with_autoescaping() -> None:
    assert isinstance(render.ENV, SandboxedEnvironment)
    assert render.ENV.autoescape is True
