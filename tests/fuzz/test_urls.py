"""Every rule with an id, as every role, with ids no database holds: never a 5xx; 404 where the user may look.

The ids go into the URL as typed into the address bar: ``0``, ``-1``, the largest 64-bit integer, one past it
(SQLite and PostgreSQL store no larger integer), 26 nines, and strings. A rule's other ids are the user's
real ones, so that only the one id is wrong. Each rule is sent with each method it takes (GET or POST, an
empty form), and the walk covers the rules under the role's own prefix and the rules outside every prefix
(pages of other roles answer 404 before any id is read: ``tests/web/test_access.py``).
"""
from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

import pytest
from hypothesis import given, note
from hypothesis import strategies as st

from . import harness, world
from .budget import budget
from .discovery import ASSET_ENDPOINTS, ID_ARGUMENTS, PREFIXES

# Digits of other scripts are digits to werkzeug's int converter ("١" is 1, "９９９" is 999): fullwidth 999 is
# beyond the world's ids.
IDS = ["0", "-1", "9223372036854775807", "9223372036854775808", "9" * 26, "abc", "1.5", "1e3", "９９９",
       "\x00", "%00", " 1", "1;DROP TABLE fee_case", "../1"]
PERSONAS = {"visitor": "visitor", "parent": "parent_declared", "facility": "facility_a", "clerk": "clerk_a",
            "admin": "admin_a", "provider": "provider"}
_ARGUMENT = re.compile(r"<(?:[^:<>]+:)?(\w+)>")


def id_rules(app, role: str) -> list:
    """Return the rules with an id argument that the role walks."""
    rules = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in ASSET_ENDPOINTS or not rule.arguments & ID_ARGUMENTS:
            continue
        prefix = next((prefix for prefix in PREFIXES.values() if rule.rule.startswith(prefix)), None)
        if prefix is None or prefix == PREFIXES.get(role) or role == "visitor":
            rules.append(rule)
    return rules


def filled(rule, values: dict[str, str]) -> str:
    """Write the rule's address with the given values, percent-encoded as a browser would send them."""
    return _ARGUMENT.sub(lambda match: quote(values[match.group(1)], safe=""), rule.rule)


def own_ids(fuzz, persona: str) -> dict[str, str]:
    ids = fuzz.world.cases[world.CASES_OF[persona][0]]
    return {"case_id": str(ids.case), "document_id": str(ids.document), "proof_id": str(ids.proof), "person": "1",
            "office_id": str(ids.office), "user_id": str(ids.admin), "facility_id": str(ids.facility)}


def requests_of(fuzz, role: str, wrong: str) -> list[tuple[str, str, object]]:
    """Return (method, address, rule) for every id rule of the role with each of its ids in turn set to ``wrong``."""
    own = own_ids(fuzz, PERSONAS[role])
    found = []
    for rule in id_rules(fuzz.app, role):
        for argument in sorted(rule.arguments & ID_ARGUMENTS):
            for method in sorted(rule.methods & {"GET", "POST"}):
                found.append((method, filled(rule, own | {argument: wrong}), rule))
    return found


def expected(role: str, wrong: str) -> set[int]:
    """What a wrong id answers: strangers are sent to sign in; others find nothing (404)."""
    if "\x00" in wrong:
        return {400}  # refused before routing: no address holds a NUL (web._refuse_nul_bytes)
    if role == "visitor":
        return {302, 404}  # 302 to the login page when the rule matched, 404 when the id is no number at all
    return {404}


@pytest.mark.parametrize("role", sorted(PERSONAS))
@pytest.mark.parametrize("wrong", IDS)
def test_an_id_no_database_holds_answers_404_and_never_a_5xx(fuzz, role, wrong):
    cookie = fuzz.cookies[PERSONAS[role]]
    requests = requests_of(fuzz, role, wrong)
    assert len(requests) > 3
    wrong_answers = []
    for method, address, _rule in requests:
        with fuzz.example():
            answer = harness.send(fuzz.app, cookie, method, address, data=b"",
                                  content_type="application/x-www-form-urlencoded")
        problems = harness.server_problems(answer)
        if role == "visitor" and answer.status == 302 and answer.location_path != "/anmelden":
            problems.append(f"sent to {answer.location_path} instead of the login page")
        if answer.status not in expected(role, wrong) and not problems:
            problems.append(f"answered {answer.status}")
        if problems:
            wrong_answers.append(f"{method} {address} as {PERSONAS[role]}: {'; '.join(problems)}")
    assert not wrong_answers, f"{len(wrong_answers)} of {len(requests)} answers are wrong:\n" + "\n".join(
        wrong_answers)


RANDOM_IDS = st.one_of(st.integers(min_value=-(2**70), max_value=2**90).map(str),
                       st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=30))


@pytest.mark.parametrize("role", sorted(PERSONAS))
def test_any_id_in_any_rule_never_answers_5xx(fuzz, role):
    rules = id_rules(fuzz.app, role)
    cookie = fuzz.cookies[PERSONAS[role]]
    own = own_ids(fuzz, PERSONAS[role])

    @budget(40)
    @given(rule=st.sampled_from(rules), wrong=RANDOM_IDS, data=st.data())
    def never_a_5xx(rule, wrong, data):
        argument = data.draw(st.sampled_from(sorted(rule.arguments & ID_ARGUMENTS)), label="argument")
        method = data.draw(st.sampled_from(sorted(rule.methods & {"GET", "POST"})), label="method")
        address = filled(rule, own | {argument: wrong})
        note(f"{method} {address} as {PERSONAS[role]}")
        with fuzz.example():
            answer = harness.send(fuzz.app, cookie, method, address)
        assert not harness.server_problems(answer), f"{method} {address} → {answer.summary}"

    never_a_5xx()


def test_the_walk_reaches_every_rule_with_an_id(fuzz):
    walked = {rule.endpoint for role in PERSONAS for rule in id_rules(fuzz.app, role)}
    with_ids = {rule.endpoint for rule in fuzz.app.url_map.iter_rules() if rule.arguments & ID_ARGUMENTS}
    assert walked == with_ids
    assert {"office.approve", "parents.person_income", "office.proof", "facilities.letter"} <= walked
    assert urlsplit(filled(next(rule for rule in fuzz.app.url_map.iter_rules() if rule.endpoint == "office.proof"),
                           {"case_id": "9" * 26, "proof_id": "١"})).path == f"/amt/faelle/{'9' * 26}/nachweise/%D9%A1"
