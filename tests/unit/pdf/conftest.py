"""Fixtures for the PDF tests: the sample factories of ``samples.py``, the samples rendered once, a PDF reader."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from pdf import (
    AmendingNotice,
    FacilityChild,
    FacilityNotice,
    FeeMonth,
    FeeNotice,
    InvitationLetter,
    Letter,
    Office,
    ProofRequest,
    Reminder,
    render_amending_notice,
    render_facility_notice,
    render_fee_notice,
    render_invitation,
    render_proof_request,
    render_reminder,
)
from tests.unit.pdf.reading import ReadPdf
from tests.unit.pdf.samples import (
    LONG_REASON,
    facility_children,
    make_amending_notice,
    make_facility_notice,
    make_invitation,
    make_letter,
    make_notice,
    make_office,
    make_proof_request,
    make_reminder,
    month_rows,
)


@pytest.fixture
def invitation_factory() -> Callable[..., InvitationLetter]:
    """Return the factory of sample invitations."""
    return make_invitation


@pytest.fixture
def notice_factory() -> Callable[..., FeeNotice]:
    """Return the factory of sample fee notices."""
    return make_notice


@pytest.fixture
def reminder_factory() -> Callable[..., Reminder]:
    """Return the factory of sample reminders."""
    return make_reminder


@pytest.fixture
def proof_request_factory() -> Callable[..., ProofRequest]:
    """Return the factory of sample proof requests."""
    return make_proof_request


@pytest.fixture
def amending_factory() -> Callable[..., AmendingNotice]:
    """Return the factory of sample amending notices."""
    return make_amending_notice


@pytest.fixture
def office_factory() -> Callable[..., Office]:
    """Return the factory of sample youth offices."""
    return make_office


@pytest.fixture
def letter_factory() -> Callable[..., Letter]:
    """Return the factory of sample letter heads."""
    return make_letter


@pytest.fixture
def months_factory() -> Callable[..., tuple[FeeMonth, ...]]:
    """Return the factory of consecutive fee months."""
    return month_rows


@pytest.fixture
def read_pdf() -> Callable[[bytes], ReadPdf]:
    """Return a function that opens PDF bytes for inspection."""
    return ReadPdf


@pytest.fixture(scope="session")
def invitation_pdf() -> ReadPdf:
    """Return the sample invitation, rendered once."""
    return ReadPdf(render_invitation(make_invitation()))


@pytest.fixture(scope="session")
def provisional_notice_pdf() -> ReadPdf:
    """Return the sample notice, provisional, rendered once."""
    return ReadPdf(render_fee_notice(make_notice(provisional=True)))


@pytest.fixture(scope="session")
def final_notice_pdf() -> ReadPdf:
    """Return the sample notice, final, rendered once."""
    return ReadPdf(render_fee_notice(make_notice(provisional=False)))


@pytest.fixture(scope="session", params=["provisional", "final"])
def notice_pdf(request: pytest.FixtureRequest) -> ReadPdf:
    """Return the sample notice, provisional and final, rendered once each."""
    return request.getfixturevalue(f"{request.param}_notice_pdf")


@pytest.fixture(scope="session")
def long_notice_pdf() -> ReadPdf:
    """Return a notice of 24 months with long reasons, each month its own, rendered once."""
    months = tuple(replace(row, reasons=(f"Monat {number}: {LONG_REASON}",))
                   for number, row in enumerate(month_rows(24), 1))
    return ReadPdf(render_fee_notice(make_notice(months=months)))


@pytest.fixture(scope="session")
def reminder_pdf() -> ReadPdf:
    """Return the sample reminder, rendered once."""
    return ReadPdf(render_reminder(make_reminder()))


@pytest.fixture(scope="session")
def proof_request_pdf() -> ReadPdf:
    """Return the sample proof request of the first review, rendered once."""
    return ReadPdf(render_proof_request(make_proof_request()))


@pytest.fixture(scope="session")
def amending_pdf() -> ReadPdf:
    """Return the sample amending notice with a refund, rendered once."""
    return ReadPdf(render_amending_notice(make_amending_notice()))


@pytest.fixture
def facility_notice_factory() -> Callable[..., FacilityNotice]:
    """Return the factory of sample notifications of a facility."""
    return make_facility_notice


@pytest.fixture
def facility_children_factory() -> Callable[[int], tuple[FacilityChild, ...]]:
    """Return the factory of a facility's numbered children."""
    return facility_children


@pytest.fixture(scope="session")
def facility_notice_pdf() -> ReadPdf:
    """Return the sample notification of a facility about two children, rendered once."""
    return ReadPdf(render_facility_notice(make_facility_notice()))


@pytest.fixture(scope="session")
def long_facility_notice_pdf() -> ReadPdf:
    """Return a facility's notification about 60 children, rendered once."""
    return ReadPdf(render_facility_notice(make_facility_notice(children=facility_children(60))))
