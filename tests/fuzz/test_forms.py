"""Every form of every role, found on the pages and sent with valid-looking and hostile values: never a 5xx, never a
stack trace, and a refused form keeps what was typed.

Which endpoints take a POST is read from the URL map when the tests are collected (that needs no database), so
each gets its own test id, e.g. ``test_every_form_of_the_clerk_...[office.approve]``. The forms themselves are
found at run time on the pages of the world (``conftest.py``): a POST endpoint that no page offers fails
``test_every_post_rule_of_the_url_map_is_reached_by_a_form_on_some_page`` unless it is excluded below.
"""
from __future__ import annotations

import pytest
from hypothesis import given, note

from elternbeitraege.app import create_app

from . import harness
from .budget import budget
from .discovery import PREFIXES
from .strategies import requests_for
from .sweep import sweep

# Endpoints that take a POST but are fuzzed elsewhere.
EXCLUDED = {
    "api.v1.estimate": "the public JSON API: fuzzed with JSON bodies in test_api.py, no HTML form posts to it",
    "auth.set_password": "reached only through a single-use link from an e-mail; refused links and bad passwords in "
                         "tests/web/test_passwords.py",
    "admin.import_run": "shown only after an uploaded file passed its dry run (a file the fuzzer cannot make); the "
                        "import step, its refusals and its one-time use in tests/web/test_admin_import.py",
}
# The forms of base.html (sign out, stay signed in): on every page of a signed-in user.
SHARED = {"auth.logout", "auth.keep_alive"}


def _post_endpoints() -> dict[str, str]:
    """Return every endpoint that takes a POST, with its rule (read from an app that never opens its database)."""
    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "SECRET_KEY": "collection-only"})
    return {rule.endpoint: rule.rule for rule in app.url_map.iter_rules() if "POST" in rule.methods}


POST_ENDPOINTS = _post_endpoints()


def endpoints_of(role: str) -> list[str]:
    """Return the POST endpoints a role's forms send to: those under its prefix, and the shared ones."""
    if role == "visitor":
        return sorted(endpoint for endpoint, rule in POST_ENDPOINTS.items()
                      if not rule.startswith(tuple(PREFIXES.values())) and endpoint not in SHARED | set(EXCLUDED))
    return sorted(endpoint for endpoint, rule in POST_ENDPOINTS.items()
                  if rule.startswith(PREFIXES[role]) and endpoint not in EXCLUDED) + sorted(SHARED)


ROLES = ("visitor", "parent", "facility", "clerk", "admin", "provider")


def test_every_post_rule_of_the_url_map_is_reached_by_a_form_on_some_page(fuzz):
    fuzzed = {(role, endpoint) for role in ROLES for endpoint in endpoints_of(role)}
    found = {(role, endpoint) for role, forms in fuzz.forms.items() for endpoint in forms}
    assert {endpoint for _, endpoint in fuzzed} | set(EXCLUDED) == set(POST_ENDPOINTS)
    assert sorted(fuzzed - found) == [], "no page shows a form for these: give the world a case in the right state"


def test_every_page_of_every_role_renders_without_a_server_error(fuzz):
    assert fuzz.page_problems == []


def examples_for(form) -> int:
    """The budget of a form: a few examples for each field it has, so a form of sixteen fields gets more."""
    return min(EXAMPLES_PER_FORM + EXAMPLES_PER_FIELD * len(form.fields), MAX_EXAMPLES)


EXAMPLES_PER_FORM, EXAMPLES_PER_FIELD, MAX_EXAMPLES = 15, 2, 50


def form_of(fuzz, role: str, endpoint: str):
    form = fuzz.forms.get(role, {}).get(endpoint)
    assert form is not None, f"no page of a {role} shows a form for {endpoint}"
    return form


def problems_of(fuzz, form, request) -> tuple[list[str], harness.Answer]:
    """Send the request in a rolled-back SAVEPOINT; return what is wrong with the answer."""
    with fuzz.example():
        answer = harness.post(fuzz.app, fuzz.cookie_of(form), request)
    sent = request.body.decode("utf-8", "replace")
    return harness.server_problems(answer, sent) + harness.echo_problems(answer, request, form), answer


def fuzz_form(fuzz, role: str, endpoint: str) -> None:
    """Send the form ``examples_for(form)`` times with drawn values; fail on the first answer that is wrong."""
    form = form_of(fuzz, role, endpoint)

    @budget(examples_for(form))
    @given(request=requests_for(form, fuzz.hints))
    def is_answered_well(request):
        note(f"as {form.persona}, the form found on {form.page}")
        problems, answer = problems_of(fuzz, form, request)
        note(f"answered {answer.summary}")
        assert not problems, f"as {form.persona}: {request!r} → " + "; ".join(problems)

    is_answered_well()


@pytest.mark.parametrize("endpoint", endpoints_of("visitor"))
def test_every_form_of_a_visitor_keeps_what_was_typed_and_never_answers_5xx(fuzz, endpoint):
    fuzz_form(fuzz, "visitor", endpoint)


@pytest.mark.parametrize("endpoint", endpoints_of("parent"))
def test_every_form_of_a_parent_keeps_what_was_typed_and_never_answers_5xx(fuzz, endpoint):
    fuzz_form(fuzz, "parent", endpoint)


@pytest.mark.parametrize("endpoint", endpoints_of("facility"))
def test_every_form_of_a_facility_keeps_what_was_typed_and_never_answers_5xx(fuzz, endpoint):
    fuzz_form(fuzz, "facility", endpoint)


@pytest.mark.parametrize("endpoint", endpoints_of("clerk"))
def test_every_form_of_the_clerk_keeps_what_was_typed_and_never_answers_5xx(fuzz, endpoint):
    fuzz_form(fuzz, "clerk", endpoint)


@pytest.mark.parametrize("endpoint", endpoints_of("admin"))
def test_every_form_of_the_administrator_keeps_what_was_typed_and_never_answers_5xx(fuzz, endpoint):
    fuzz_form(fuzz, "admin", endpoint)


@pytest.mark.parametrize("endpoint", endpoints_of("provider"))
def test_every_form_of_the_provider_keeps_what_was_typed_and_never_answers_5xx(fuzz, endpoint):
    fuzz_form(fuzz, "provider", endpoint)


# --- The sweep: what must be tried in every field, not left to chance ----------------------------------------------

FORMS = [(role, endpoint) for role in ROLES for endpoint in endpoints_of(role) if endpoint not in SHARED] + [
    ("clerk", endpoint) for endpoint in sorted(SHARED)]  # base.html's forms are the same for every role


@pytest.mark.parametrize(("role", "endpoint"), FORMS, ids=[f"{role}:{endpoint}" for role, endpoint in FORMS])
def test_every_field_of_every_form_takes_a_space_a_surrogate_100000_characters_and_the_rest_without_a_5xx(
        fuzz, role, endpoint):
    """Each field of the form alone gets each value of ``strategies.SWEEP`` (and each crafted file, each impossible
    date), the other fields what the form takes; every answer is checked, all wrong ones are reported."""
    form = form_of(fuzz, role, endpoint)
    wrong = []
    for label, request in sweep(form, fuzz.hints):
        problems, _answer = problems_of(fuzz, form, request)
        if problems:
            wrong.append(f"{label}: {request!r} → {'; '.join(problems)}")
    assert not wrong, f"{len(wrong)} answers of {form.label} are wrong:\n" + "\n".join(wrong)
