"""The income page's messages name their field, in the error summary and beside the field, and the summary links
to each field: three wrong amounts are three different messages."""
from __future__ import annotations

import pytest

from elternbeitraege.forms import AmountField, PageForm
from elternbeitraege.services import demo as seed
from elternbeitraege.services.kernel.labels import INCOME_KIND_LABELS
from tests.web.steps import newest_case, register
from tests.web.test_forms import assert_refused_page, field_error, input_value, summary_links

MALFORMED = "Geben Sie den Betrag in Euro an, z. B. 1.234,56 – ohne Minuszeichen."


@pytest.fixture
def at_income(app, demo):
    """A parent of the demo case, signed in, with the declaration answered up to the first parent's income."""
    client = app.test_client()
    assert register(client, seed.DEMO_CODE).status_code == 302
    case_id = newest_case(app).id
    base = f"/eltern/faelle/{case_id}/erklaerung"
    for path, data in [("/kind", {"confirmed": "y"}), ("/haushalt", {"lives_with": "one"}),
                       ("/leistungen", {"benefit": "none"}), ("/einkommen", {"income_choice": "declare"})]:
        assert client.post(base + path, data=data).status_code == 302, path
    return client, case_id


def test_each_wrong_amount_is_named_in_the_summary_and_linked_to_its_field(at_income):
    client, case_id = at_income
    typed = {"employment": "-500", "self_employment": "viel", "income_replacement": "12,345", "other": "1.000"}
    response = client.post(f"/eltern/faelle/{case_id}/erklaerung/einkommen/1", data=typed)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert_refused_page(page)
    expected = {name: f"{INCOME_KIND_LABELS[name]}: {MALFORMED}"
                for name in ("employment", "self_employment", "income_replacement")}
    assert summary_links(page) == expected
    assert {name: field_error(page, name) for name in expected} == expected
    assert {name: input_value(page, name) for name in typed} == typed


def test_a_too_high_amount_names_its_field(at_income):
    client, case_id = at_income
    response = client.post(f"/eltern/faelle/{case_id}/erklaerung/einkommen/1", data={"other": "100.000.000"})
    page = response.get_data(as_text=True)
    message = f"{INCOME_KIND_LABELS['other']}: Der Betrag ist zu hoch. Geben Sie höchstens 99.999.999 € an."
    assert summary_links(page) == {"other": message} and field_error(page, "other") == message


class Payment(PageForm):
    class Meta:
        csrf = False

    amount = AmountField("Monatliche Miete")


@pytest.mark.parametrize(("typed", "message"), [
    ("-1", f"Monatliche Miete: {MALFORMED}"),
    ("123456789", "Monatliche Miete: Der Betrag ist zu hoch. Geben Sie höchstens 99.999.999 € an."),
])
def test_every_amount_field_names_its_label_in_its_messages(app, typed, message):
    with app.test_request_context(method="POST", data={"amount": typed}):
        form = Payment()
        assert not form.validate()
        assert form.amount.errors == [message]
