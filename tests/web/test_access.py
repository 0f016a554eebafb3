"""Who may reach what: every role of one office against the objects of other offices, households, facilities.

The walks go through the app's whole URL map (``app.url_map.iter_rules()``), so a route added later is
walked too. Two endpoints are skipped on purpose: ``static`` and ``kern`` serve CSS, JavaScript and fonts
by file name; they hold no case data and take no ids. Every other rule with a ``case_id`` is "case-bound".

Each URL is sent with GET, HEAD, POST, PUT, PATCH and DELETE (CSRF is off in the test config, so a POST
reaches the view). A method the route takes must answer 404; a method it does not take answers 405 from
the router before any id is looked at, the same for every id, so it tells nothing about the object.
OPTIONS is not walked: Flask answers it itself, without calling the view.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from flask import url_for
from sqlalchemy import select

from elternbeitraege import db
from elternbeitraege.models import Document, Proof, User
from tests.conftest import TODAY
from tests.helpers import access_code_in
from tests.web import two_offices
from tests.web.steps import declare_income, document_bytes, register, report, version_of

ASSET_ENDPOINTS = {"static", "kern"}  # files by name, no ids, no personal data: not walked
ID_ARGUMENTS = {"case_id", "document_id", "proof_id", "person", "office_id", "user_id", "facility_id", "secret"}
PUBLIC_ENDPOINTS = {"auth.home", "auth.login", "auth.logout", "auth.access", "auth.register", "auth.privacy",
                    "auth.forgot_password", "api.healthz", "api.v1.statutes"}
# Public, reached through a single-use link in an e-mail; a forged link answers 404 (test_passwords.py).
LINK_ENDPOINTS = {"auth.set_password"}
# Public, JSON only and POST only: tested in test_estimate_api.py.
PUBLIC_API = {"api.v1.estimate"}
WALKED_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
# Called by the page's script in the background: answers 401 to strangers instead of a login page.
BACKGROUND_ENDPOINTS = {"auth.keep_alive"}

# The cases each role of office A may see (keys of World.cases); every other case is foreign to it.
VISIBLE = {
    "parent_a": {"a"},
    "facility_a": {"a"},
    "other_facility_a": {"a2"},
    "clerk_a": {"a", "a2"},
    "admin_a": set(),
    "clerk_b": {"b"},
    "facility_b": {"b"},
    "provider": set(),
}
HOME_PREFIX = {"parent": "/eltern/", "facility": "/einrichtung/", "clerk": "/amt/", "admin": "/verwaltung/",
               "provider": "/betrieb/"}
# Every page under /verwaltung/: only the office's administrator reaches it (others: 404, strangers: login).
ADMIN_ENDPOINTS = {"admin.overview", "admin.statute_list", "admin.statute_upload", "admin.statute_assign",
                   "admin.workflow", "admin.workflow_settings", "admin.letterhead_settings", "admin.letterhead_preview",
                   "admin.letterhead_logo", "admin.facilities", "admin.facility", "admin.facility_create",
                   "admin.facility_edit", "admin.facility_deactivate", "admin.facility_reactivate", "admin.accounts",
                   "admin.account", "admin.account_invite", "admin.account_resend", "admin.account_reset_password",
                   "admin.account_deactivate", "admin.account_reactivate", "admin.account_role", "admin.record",
                   "admin.import_upload", "admin.import_run"}
# What a GET answers on the admin pages that are no plain page: the preview, the import step and the account buttons
# are sent, office A has no logo.
ADMIN_GET_ANSWERS = {"admin.letterhead_preview": 405, "admin.letterhead_logo": 404, "admin.account_resend": 405,
                     "admin.account_reset_password": 405, "admin.import_run": 405}


def role_of(who: str) -> str:
    return {"other_facility_a": "facility"}.get(who, who.rsplit("_", 1)[0])


@pytest.fixture
def world(app):
    return two_offices.build(app, TODAY)


@pytest.fixture
def sign_in(app, world, login):
    def sign_in_as(who: str):
        return login(app.test_client(), two_offices.LOGINS[who], world.password(who))
    return sign_in_as


def walkable_rules(app) -> list:
    """Return every rule but the asset endpoints; fail on an id argument the walk does not know how to fill."""
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint not in ASSET_ENDPOINTS]
    unknown = {(rule.rule, argument) for rule in rules for argument in rule.arguments - ID_ARGUMENTS}
    assert not unknown, f"the walk cannot fill these URL arguments yet: {unknown}"
    return rules


def case_bound_rules(app) -> list:
    rules = [rule for rule in walkable_rules(app) if "case_id" in rule.arguments]
    walked = {rule.endpoint for rule in rules}
    assert walked, "no case-bound endpoint found: the walk would prove nothing"
    assert {"parents.case", "parents.document", "parents.remove_proof", "parents.income_change",
            "parents.accept_highest", "office.case", "office.approve", "office.document", "office.proof",
            "facilities.case", "facilities.care_change", "facilities.departure",
            "facilities.withdraw"} <= walked, walked
    return rules


def url(app, rule, ids: two_offices.CaseIds, **overrides) -> str:
    values = {"case_id": ids.case, "document_id": ids.document, "proof_id": ids.proof, "person": 1, "office_id": 1,
              "user_id": 1, "facility_id": 1, "secret": "ein-gefaelschter-link", **overrides}
    with app.test_request_context():
        return url_for(rule.endpoint, **{name: values[name] for name in rule.arguments})


def walk(client, requests) -> list[tuple[str, str, int, int]]:
    """Send each (method, url, expected status); return those answered otherwise."""
    wrong = []
    for method, target, expected in requests:
        status = client.open(target, method=method).status_code
        if status != expected:
            wrong.append((method, target, status, expected))
    return wrong


def expected_for(rule, method: str, status: int) -> int:
    """A method the rule does not take is refused by routing (405) before any id is looked at."""
    return status if method in rule.methods else 405


# --- The walk over every case-bound URL --------------------------------------------------------------------

@pytest.mark.parametrize("who", sorted(VISIBLE))
def test_every_case_bound_url_answers_404_with_the_ids_of_cases_the_user_may_not_see(app, world, sign_in, who):
    client = sign_in(who)
    rules = case_bound_rules(app)
    foreign = sorted(set(world.cases) - VISIBLE[who])
    assert foreign
    requests = [(method, url(app, rule, world.cases[key]), expected_for(rule, method, 404))
                for key in foreign for rule in rules for method in WALKED_METHODS]
    assert len(requests) >= 2 * len(rules)
    assert walk(client, requests) == []


@pytest.mark.parametrize("who", sorted(who for who, cases in VISIBLE.items() if cases))
def test_a_document_or_proof_of_another_case_answers_404_even_under_the_users_own_case(app, world, sign_in, who):
    client = sign_in(who)
    own = world.cases[sorted(VISIBLE[who])[0]]
    rules = [rule for rule in case_bound_rules(app) if rule.arguments & {"document_id", "proof_id"}]
    assert {rule.endpoint for rule in rules} >= {"parents.document", "office.document", "office.proof"}
    requests = [
        (method, url(app, rule, own, document_id=other.document, proof_id=other.proof),
         expected_for(rule, method, 404))
        for key, other in world.cases.items() if other != own for rule in rules for method in WALKED_METHODS
    ]
    assert walk(client, requests) == []


@pytest.mark.parametrize("who", ["parent_a", "clerk_a"])
def test_the_walk_changes_nothing_in_the_cases_it_may_not_see(app, world, sign_in, who):
    """The walk also POSTs (declaration answers, proof removal, approval); a leak would show as a change."""
    before = two_offices.snapshot(app)
    client = sign_in(who)
    requests = [(method, url(app, rule, world.cases[key]), expected_for(rule, method, 404))
                for key in sorted(set(world.cases) - VISIBLE[who])
                for rule in case_bound_rules(app) for method in WALKED_METHODS]
    assert walk(client, requests) == []
    assert two_offices.snapshot(app) == before


# --- Anonymous users and pages of other roles ------------------------------------------------------------

def test_anonymous_users_are_sent_to_the_login_page_from_every_protected_url(app, world):
    client = app.test_client()
    rules = [rule for rule in walkable_rules(app)
             if rule.endpoint not in PUBLIC_ENDPOINTS | BACKGROUND_ENDPOINTS | PUBLIC_API | LINK_ENDPOINTS]
    assert len(rules) > 10
    wrong = []
    for rule in rules:
        for method in sorted(rule.methods & set(WALKED_METHODS)):
            target = url(app, rule, world.cases["b"])
            response = client.open(target, method=method)
            location = urlsplit(response.headers.get("Location", ""))
            if response.status_code != 302 or location.path != "/anmelden":
                wrong.append((method, target, response.status_code, response.headers.get("Location")))
    assert wrong == []


@pytest.mark.parametrize("endpoint", sorted(PUBLIC_ENDPOINTS - {"auth.logout"}))
def test_public_pages_answer_without_a_login(app, endpoint):
    with app.test_request_context():
        target = url_for(endpoint)
    assert app.test_client().get(target).status_code == 200


FORBIDDEN_PREFIXES = {
    "parent_a": ("/amt/", "/einrichtung/", "/verwaltung/", "/betrieb/"),
    "facility_a": ("/amt/", "/eltern/", "/verwaltung/", "/betrieb/"),
    "clerk_a": ("/eltern/", "/einrichtung/", "/verwaltung/", "/betrieb/"),
    "admin_a": ("/amt/", "/eltern/", "/einrichtung/", "/betrieb/"),
    "provider": ("/amt/", "/eltern/", "/einrichtung/", "/verwaltung/"),
}


@pytest.mark.parametrize("who", sorted(FORBIDDEN_PREFIXES))
def test_pages_of_other_roles_answer_404_even_for_the_users_own_case(app, world, sign_in, who):
    client = sign_in(who)
    own = world.cases["a"]  # a case of the user's own office (and household or facility, where that applies)
    requests = []
    for prefix in FORBIDDEN_PREFIXES[who]:
        rules = [rule for rule in walkable_rules(app) if rule.rule.startswith(prefix)]
        assert rules, prefix
        requests += [(method, url(app, rule, own), expected_for(rule, method, 404))
                     for rule in rules for method in WALKED_METHODS]
    assert walk(client, requests) == []


# --- What each role does see ------------------------------------------------------------------------------

LISTS = [
    # who, list page, children shown, children not shown
    ("parent_a", "/eltern/", {"Mia"}, {"Noah", "Bruno"}),
    ("facility_a", "/einrichtung/", {"Mia"}, {"Noah", "Bruno"}),
    ("other_facility_a", "/einrichtung/", {"Noah"}, {"Mia", "Bruno"}),
    ("clerk_a", "/amt/", {"Mia", "Noah"}, {"Bruno"}),
    ("clerk_b", "/amt/", {"Bruno"}, {"Mia", "Noah"}),
]


@pytest.mark.parametrize(("who", "page", "shown", "hidden"), LISTS, ids=[row[0] for row in LISTS])
def test_each_list_shows_the_users_own_cases_and_no_others(sign_in, who, page, shown, hidden):
    html = sign_in(who).get(page).get_data(as_text=True)
    assert {name for name in shown | hidden if re.search(rf"\b{name}\b", html)} == shown


def test_a_clerk_opens_the_own_offices_cases_documents_and_proofs(app, world, sign_in):
    client = sign_in("clerk_a")
    for key in ("a", "a2"):
        ids = world.cases[key]
        page = client.get(f"/amt/faelle/{ids.case}")
        assert page.status_code == 200
        assert two_offices.CHILDREN[key] in page.get_data(as_text=True)
        document = client.get(f"/amt/faelle/{ids.case}/dokumente/{ids.document}")
        assert document.status_code == 200 and document.mimetype == "application/pdf"
        assert client.get(f"/amt/faelle/{ids.case}/nachweise/{ids.proof}").status_code == 200


@pytest.mark.parametrize("what", ["case", "document", "proof"])
def test_a_clerk_gets_404_for_the_case_document_and_proof_of_another_office(world, sign_in, what):
    b = world.cases["b"]
    target = {"case": f"/amt/faelle/{b.case}", "document": f"/amt/faelle/{b.case}/dokumente/{b.document}",
              "proof": f"/amt/faelle/{b.case}/nachweise/{b.proof}"}[what]
    response = sign_in("clerk_a").get(target)
    assert response.status_code == 404
    assert "Bruno" not in response.get_data(as_text=True)


def test_a_parent_opens_only_the_households_own_case(world, sign_in):
    client = sign_in("parent_a")
    assert client.get(f"/eltern/faelle/{world.cases['a'].case}").status_code == 200
    assert [client.get(f"/eltern/faelle/{world.cases[key].case}").status_code for key in ("a2", "b")] == [404, 404]


@pytest.mark.parametrize("who", ["facility_a", "other_facility_a"])
def test_a_facility_opens_only_the_case_pages_of_its_own_children(world, sign_in, who):
    client = sign_in(who)
    own = sorted(VISIBLE[who])[0]
    page = client.get(f"/einrichtung/kinder/{world.cases[own].case}")
    assert page.status_code == 200 and two_offices.CHILDREN[own] in page.get_data(as_text=True)
    others = [key for key in sorted(world.cases) if key != own]
    assert [client.get(f"/einrichtung/kinder/{world.cases[key].case}").status_code for key in others] == [404, 404]


def test_an_administrator_sees_only_the_own_office(sign_in):
    html = sign_in("admin_a").get("/verwaltung/").get_data(as_text=True)
    assert "Kita Sonnenblume" in html and "sachbearbeitung@musterstadt.example" in html
    assert "Waldwichtel" not in html and "beispielhausen" not in html.lower()


def test_the_administrator_reaches_every_admin_page_and_the_list_names_them_all(app, world, sign_in):
    rules = [rule for rule in walkable_rules(app) if rule.rule.startswith(HOME_PREFIX["admin"])]
    assert {rule.endpoint for rule in rules} == ADMIN_ENDPOINTS, "add a new admin page to ADMIN_ENDPOINTS"
    client = sign_in("admin_a")
    own = own_staff_ids(app)
    answers = {rule.endpoint: client.get(url(app, rule, world.cases["a"], **own)).status_code for rule in rules}
    assert answers == dict.fromkeys(ADMIN_ENDPOINTS, 200) | ADMIN_GET_ANSWERS


def own_staff_ids(app, office: str = "a") -> dict[str, int]:
    """Return a facility and a clerk's account of office A (or B), to fill the administrator's pages with."""
    with app.app_context():
        session = db.session()
        clerk = session.scalars(select(User).where(User.email == two_offices.LOGINS[f"clerk_{office}"])).one()
        facility = session.scalars(select(User).where(User.email == two_offices.LOGINS[f"facility_{office}"])).one()
        return {"user_id": clerk.id, "facility_id": facility.facility_id}


def test_the_administrator_of_one_office_finds_nothing_of_the_other_on_any_admin_page(app, world, sign_in):
    rules = [rule for rule in walkable_rules(app) if rule.rule.startswith(HOME_PREFIX["admin"])
             and rule.arguments & {"user_id", "facility_id"}]
    assert len(rules) > 8
    other = own_staff_ids(app, "b")
    client = sign_in("admin_a")
    wrong = walk(client, [(method, url(app, rule, world.cases["a"], **other), 404) for rule in rules
                          for method in sorted(rule.methods & {"GET", "POST"})])
    assert not wrong


@pytest.mark.parametrize("who", sorted(HOME_PREFIX))
def test_after_login_each_role_lands_on_its_own_start_page(app, world, login, who):
    key = {"parent": "parent_a", "facility": "facility_a", "clerk": "clerk_a", "admin": "admin_a",
           "provider": "provider"}[who]
    response = app.test_client().post("/anmelden", data={"email": two_offices.LOGINS[key],
                                                         "password": world.password(key)})
    assert response.status_code == 302 and urlsplit(response.headers["Location"]).path == HOME_PREFIX[who]


# --- Field level: what the facility never receives -------------------------------------------------------

@pytest.fixture
def settled_case(app, demo, login):
    """Run the whole journey: report, register, declare, submit, approve; return the facility's client and ids."""
    facility = login(app.test_client(), "kita-sonnenblume@musterstadt.example")
    case = report(facility)
    parent = app.test_client()
    assert register(parent, access_code_in(document_bytes(app, case.id, "invitation"))).status_code == 302
    declare_income(parent, case.id)  # uploads lohnabrechnung.pdf
    assert parent.post(f"/eltern/faelle/{case.id}/erklaerung/pruefen").status_code == 302
    clerk = login(app.test_client(), "sachbearbeitung@musterstadt.example")
    started = clerk.post(f"/amt/faelle/{case.id}/pruefung", data={"version": version_of(clerk, case.id)})
    assert started.status_code == 302
    response = clerk.post(f"/amt/faelle/{case.id}/festsetzen",
                          data={"version": version_of(clerk, case.id), "kind": "provisional"})
    assert response.status_code == 302
    with app.app_context():
        session = db.session()
        documents = {document.kind: document.id
                     for document in session.scalars(select(Document).where(Document.case_id == case.id))}
        proof = session.scalars(select(Proof).where(Proof.case_id == case.id)).one()
        assert proof.original_name == "lohnabrechnung.pdf"
    assert set(documents) == {"invitation", "fee_notice"}
    return facility, case.id, documents, proof.id


SECRETS_OF_THE_HOUSEHOLD = [
    ("income as typed", "52.000"), ("income plain", "52000"), ("full IBAN", "DE89370400440532013000"),
    ("IBAN in groups", "DE89 3704"), ("IBAN country and check digits", "DE89"), ("masked IBAN", "**"),
    ("clerk's short IBAN", "…"), ("fee amount", "223"), ("fee after subsidy", "169"), ("any euro amount", "€"),
    ("proof file name", "lohnabrechnung"), ("proof kind", "Einkommensnachweis"), ("income word", "Einkommen"),
    ("mandate", "Mandat"), ("account holder", "Julia Beispiel"),
]


def test_the_facility_list_after_a_settled_case_shows_the_status_and_no_income_bank_fee_or_proof(settled_case):
    facility, _case_id, _documents, _proof_id = settled_case
    html = facility.get("/einrichtung/").get_data(as_text=True)
    assert "Lena Beispiel" in html and "Erledigt – Beitragsbescheid erteilt" in html
    assert [label for label, secret in SECRETS_OF_THE_HOUSEHOLD if secret in html] == []
    assert not re.search(r"\d,\d\d", html), "an amount in German notation"


@pytest.mark.parametrize("target", ["office notice", "parents notice", "office invitation", "parents invitation",
                                    "proof"])
def test_the_facility_cannot_download_the_notice_the_letter_or_the_proofs_of_its_own_child(settled_case, target):
    facility, case_id, documents, proof_id = settled_case
    path = {
        "office notice": f"/amt/faelle/{case_id}/dokumente/{documents['fee_notice']}",
        "parents notice": f"/eltern/faelle/{case_id}/dokumente/{documents['fee_notice']}",
        "office invitation": f"/amt/faelle/{case_id}/dokumente/{documents['invitation']}",
        "parents invitation": f"/eltern/faelle/{case_id}/dokumente/{documents['invitation']}",
        "proof": f"/amt/faelle/{case_id}/nachweise/{proof_id}",
    }[target]
    response = facility.get(path)
    assert response.status_code == 404
    assert response.mimetype == "text/html"


# --- Ids past what the database can hold ------------------------------------------------------------------------

HUGE_IDS = [2**31, 2**63 - 1, 2**63, 10**26 - 1]  # PostgreSQL's INTEGER ends at 2**31 - 1, SQLite's at 2**63 - 1


@pytest.mark.parametrize("who", sorted(VISIBLE))
def test_every_url_with_an_id_past_the_database_range_answers_404_for_every_method(app, world, sign_in, who):
    client = sign_in(who)
    own = world.cases[sorted(VISIBLE[who] or {"a"})[0]]
    rules = [rule for rule in walkable_rules(app) if rule.arguments & ID_ARGUMENTS]
    assert {"facilities.case", "office.approve", "parents.person_income"} <= {rule.endpoint for rule in rules}
    requests = [(method, url(app, rule, own, **{argument: huge}), expected_for(rule, method, 404))
                for rule in rules for argument in sorted(rule.arguments & ID_ARGUMENTS) for huge in HUGE_IDS
                for method in ("GET", "POST")]
    assert walk(client, requests) == []


@pytest.mark.parametrize("digits", ["١", "９", "¹", "𝟏"])
def test_an_id_written_in_other_digits_than_0_to_9_names_no_page(app, world, sign_in, digits):
    client = sign_in("clerk_a")
    assert client.get(f"/amt/faelle/{world.cases['a'].case}").status_code == 200
    assert client.get(f"/amt/faelle/{digits}").status_code == 404
