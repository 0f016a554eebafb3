"""Invitations and password resets: an account made without a usable password, a single-use link in an outbox mail."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from elternbeitraege import db
from elternbeitraege.models import AccountLink, AuditEntry, OutboxMessage, User, YouthOffice, utcnow
from elternbeitraege.services.accounts import invitations, links
from elternbeitraege.services.kernel.actor import Actor
from elternbeitraege.services.kernel.errors import InvalidInput
from elternbeitraege.services.kernel.uow import UnitOfWork
from tests.integration.conftest import TODAY

PASSWORD = "vier zufällige wörter hier"


@pytest.fixture
def uow(app, demo):
    with app.app_context():
        yield UnitOfWork(db.session(), TODAY, "https://beitraege.example")


def _admin(uow: UnitOfWork) -> User:
    return uow.session.scalars(select(User).where(User.role == "admin")).first()


def _invite(uow: UnitOfWork, email: str = "neu@musterstadt.example") -> User:
    admin = _admin(uow)
    with uow.writing():
        return invitations.invite(uow, Actor.of(admin), email, "Nele Neu", "clerk", admin.office)


def _secret_in(message: OutboxMessage) -> str:
    return message.text_body.split(invitations.SET_PASSWORD_PATH, 1)[1].split()[0]


def test_an_invited_clerk_gets_a_mail_with_a_link_and_cannot_sign_in_before_setting_a_password(uow):
    user = _invite(uow)
    message = uow.session.scalars(select(OutboxMessage)).one()
    assert (message.to_address, message.state, message.kind) == ("neu@musterstadt.example", "due", "staff_invitation")
    assert "https://beitraege.example/passwort/setzen/" in message.text_body
    assert "Jugendamt Musterstadt" in message.text_body and "<a href=" in message.html_body
    assert uow.session.scalars(select(AccountLink.secret_hash)).one() != _secret_in(message)  # only a hash is kept
    assert user.password_hash and not user.password_hash.endswith(PASSWORD)
    entry = uow.session.scalars(select(AuditEntry)).one()
    assert (entry.subject, entry.subject_id, entry.action) == ("user", user.id, "invited")


def test_the_link_sets_the_password_once_and_is_refused_the_second_time(uow):
    _invite(uow)
    secret = _secret_in(uow.session.scalars(select(OutboxMessage)).one())
    user = links.set_password(uow, secret, PASSWORD)
    assert links.valid_link(uow.session, secret) is None
    with pytest.raises(InvalidInput) as refused:
        links.set_password(uow, secret, PASSWORD)
    assert refused.value.errors == {"link": links.LINK_REFUSED}
    assert user.email == "neu@musterstadt.example"


def test_an_expired_or_forged_link_is_refused_alike_and_a_weak_password_is_explained(uow):
    _invite(uow)
    secret = _secret_in(uow.session.scalars(select(OutboxMessage)).one())
    with pytest.raises(InvalidInput) as weak:
        links.set_password(uow, secret, "kurz")
    assert "mindestens 12 Zeichen" in weak.value.errors["password"]
    later = utcnow() + timedelta(hours=72, seconds=1)
    assert links.valid_link(uow.session, secret, now=later) is None
    assert links.valid_link(uow.session, "erfunden") is None
    assert links.valid_link(uow.session, secret) is not None


def test_a_second_invitation_makes_the_first_link_void(uow):
    user = _invite(uow)
    first = _secret_in(uow.session.scalars(select(OutboxMessage)).one())
    with uow.writing():
        invitations.resend(uow, Actor.of(_admin(uow)), user)
    assert links.valid_link(uow.session, first) is None
    assert uow.session.scalars(select(OutboxMessage)).all()[-1].to_address == user.email


def test_an_address_that_has_an_account_cannot_be_invited_again(uow):
    with pytest.raises(InvalidInput) as taken:
        _invite(uow, _admin(uow).email)
    assert taken.value.errors == {"email": invitations.EMAIL_TAKEN}


def test_a_password_reset_link_lasts_an_hour(uow):
    user = _admin(uow)
    with uow.writing():
        invitations.send_password_reset(uow, user)
    secret = _secret_in(uow.session.scalars(select(OutboxMessage)).one())
    assert links.valid_link(uow.session, secret, now=utcnow() + timedelta(minutes=59)) is not None
    assert links.valid_link(uow.session, secret, now=utcnow() + timedelta(minutes=61)) is None


def test_nobody_of_a_deactivated_office_can_use_a_link(uow):
    _invite(uow)
    secret = _secret_in(uow.session.scalars(select(OutboxMessage)).one())
    with uow.writing() as session:
        session.scalars(select(YouthOffice)).one().active = False
    assert links.valid_link(uow.session, secret) is None
