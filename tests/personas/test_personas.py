"""Persona households: each JSON file beside this module is a request to POST /api/v1/estimate with its
expected month-by-month answer, worked out by hand from the published tables (see README.md here)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

PERSONA_DIR = Path(__file__).resolve().parent
PERSONA_FILES = sorted(PERSONA_DIR.glob("[0-9][0-9]-*.json"))
COMPARED_FIELDS = ("amount", "bracket", "age_group", "hours_tier")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_there_are_enough_personas_and_each_explains_itself():
    assert len(PERSONA_FILES) >= 12, [path.name for path in PERSONA_FILES]
    for path in PERSONA_FILES:
        persona = load(path)
        for key in ("name", "story", "checked_by_hand", "request", "expected"):
            assert persona.get(key), f"{path.name}: '{key}' is missing or empty"


def differences(persona: dict, answer: dict) -> list[str]:
    """Every place where the answer differs from the persona's expected result, one line each."""
    name = persona["name"]
    problems = []
    got_children = {child.get("id"): child for child in answer.get("children", [])}
    expected_children = persona["expected"]["children"]
    if sorted(got_children) != sorted(child["id"] for child in expected_children):
        problems.append(f"{name}: children {sorted(got_children)}, expected "
                        f"{sorted(child['id'] for child in expected_children)}")
    for expected in expected_children:
        child_id = expected["id"]
        got = got_children.get(child_id)
        if got is None:
            continue
        got_months = {month.get("month"): month for month in got.get("months", [])}
        expected_list = [month["month"] for month in expected["months"]]
        got_list = [month.get("month") for month in got.get("months", [])]
        if got_list != expected_list:
            problems.append(f"{name}: child {child_id}: months {got_list}, expected {expected_list}")
        for month in expected["months"]:
            where = f"{name}: child {child_id}, month {month['month']}"
            got_month = got_months.get(month["month"])
            if got_month is None:
                continue
            for field in COMPARED_FIELDS:
                if got_month.get(field) != month[field]:
                    problems.append(f"{where}: {field} {got_month.get(field)!r}, expected {month[field]!r}")
            got_reasons = [str(reason).lower() for reason in got_month.get("reasons") or []]
            for keyword in month.get("reasons", []):
                if not any(keyword.lower() in reason for reason in got_reasons):
                    problems.append(f"{where}: no reason contains {keyword!r}; reasons "
                                    f"{got_month.get('reasons')!r}")
        if got.get("total") != expected["total"]:
            problems.append(f"{name}: child {child_id}: total {got.get('total')!r}, expected {expected['total']!r}")
    if answer.get("total") != persona["expected"]["total"]:
        problems.append(f"{name}: household total {answer.get('total')!r}, expected {persona['expected']['total']!r}")
    return problems


@pytest.mark.parametrize("path", PERSONA_FILES, ids=[path.name for path in PERSONA_FILES])
def test_the_estimate_matches_the_hand_checked_result(client, path):
    persona = load(path)
    response = client.post("/api/v1/estimate", json=persona["request"])
    assert response.status_code == 200, (
        f"{persona['name']}: status {response.status_code}: {response.get_data(as_text=True)[:1000]}")
    answer = response.get_json()
    statute = answer.get("statute")
    assert statute == persona["request"]["statute"], f"{persona['name']}: statute {statute!r}"
    problems = differences(persona, answer)
    assert not problems, f"{len(problems)} difference(s):\n" + "\n".join(problems[:40])
