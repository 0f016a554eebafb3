"""Configuration defaults and their overrides from the environment (ELTERNBEITRAEGE_*, DATABASE_URL)."""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

ENV_PREFIX = "ELTERNBEITRAEGE_"


def defaults(instance_path: str) -> dict:
    """Return the settings used when nothing else is given."""
    return {
        "ENV_NAME": "development",
        "SECRET_KEY": None,
        "DATABASE_URL": f"sqlite:///{Path(instance_path) / 'elternbeitraege.sqlite'}",
        "PUBLIC_URL": "http://127.0.0.1:5000",
        "KERN_DIST": str(Path(__file__).resolve().parent.parent / "node_modules/@kern-ux/native/dist"),
        "MAX_CONTENT_LENGTH": 11 * 1024 * 1024,
        "MAX_UPLOAD_BYTES": 10 * 1024 * 1024,
        "PERMANENT_SESSION_LIFETIME": timedelta(minutes=30),
        "SESSION_ABSOLUTE_HOURS": 12,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": False,
        "REMEMBER_COOKIE_DURATION": timedelta(seconds=0),
        "WTF_CSRF_TIME_LIMIT": None,
        "LOGIN_LOCK_AFTER": 5,
        "LOGIN_ADDRESS_LOCK_AFTER": 20,
        "LOGIN_LOCK_SECONDS": 300,
        # POST /api/v1/estimate per client address: "N/second", "N/minute", "N/hour"; "off" or empty: no limit
        "ESTIMATE_RATE_LIMIT": "60/minute",
        # Where a batch of notices writes its print file for postal dispatch, and how many processes render.
        "PRINT_DIR": str(Path(instance_path) / "druck"),
        "NOTICE_WORKERS": 0,  # 0: one per core
    }


def from_environment(known: dict) -> dict:
    """Read overrides: ``DATABASE_URL`` and every ``ELTERNBEITRAEGE_<KEY>``, typed like the defaults."""
    overrides = {
        key[len(ENV_PREFIX):]: _typed(value, known.get(key[len(ENV_PREFIX):]))
        for key, value in os.environ.items() if key.startswith(ENV_PREFIX)
    }
    if os.environ.get("DATABASE_URL"):
        overrides["DATABASE_URL"] = os.environ["DATABASE_URL"]
    if "ENV" in overrides:
        overrides["ENV_NAME"] = overrides.pop("ENV")
    return overrides


def _typed(value: str, default):
    """Convert an environment string to the type of the setting's default (numbers, yes/no, minutes)."""
    if isinstance(default, bool):
        return value.strip().lower() in ("1", "true", "yes", "ja", "on")
    if isinstance(default, int):
        return int(value)
    if isinstance(default, timedelta):
        return timedelta(minutes=int(value))
    return value


def finish(config: dict, instance_path: str) -> None:
    """Fill in what depends on other settings: the secret key and production hardening."""
    if not config.get("SECRET_KEY"):
        if config["ENV_NAME"] == "production":
            raise RuntimeError("ELTERNBEITRAEGE_SECRET_KEY muss in Produktion gesetzt sein")
        config["SECRET_KEY"] = _instance_secret(Path(instance_path))
    if config["ENV_NAME"] == "production":
        config["SESSION_COOKIE_SECURE"] = True
    url = config["DATABASE_URL"]
    if url.startswith("postgresql://"):
        config["DATABASE_URL"] = "postgresql+psycopg://" + url[len("postgresql://"):]


def _instance_secret(instance: Path) -> str:
    """Keep a random development key in the instance folder, so sessions survive restarts."""
    instance.mkdir(parents=True, exist_ok=True)
    key_file = instance / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()
