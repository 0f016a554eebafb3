"""The device cookie: a browser that signed in to an account is known again at the next sign-in.

It lets the people who use an account every day sign in while their address is over its limit of
failures or the account is locked by someone guessing elsewhere. It holds only the account's id and
a random nonce, signed with the installation's key, and is sent to the sign-in page only.
"""
from __future__ import annotations

import secrets

from flask import Response, current_app, url_for
from itsdangerous import BadData, URLSafeTimedSerializer

from ..services.accounts.users import Device

COOKIE = "eb_geraet"
DAYS = 180


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="elternbeitraege-device")


def read(value: str | None) -> Device | None:
    """Return the device a cookie names, or None for a missing, forged, expired or malformed one."""
    if not value or len(value) > 200:
        return None
    try:
        data = _serializer().loads(value, max_age=DAYS * 86400)
    except BadData:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("n"), str):
        return None
    return Device(data["u"], data["n"])


def remember(response: Response, user_id: int) -> Response:
    """Give the browser a new device cookie for the account it just signed in to."""
    value = _serializer().dumps({"u": user_id, "n": secrets.token_urlsafe(16)})
    response.set_cookie(COOKIE, value, max_age=DAYS * 86400, path=url_for("auth.login"), httponly=True,
                        secure=current_app.config["SESSION_COOKIE_SECURE"], samesite="Lax")
    return response
