"""Configuration defaults and their overrides from the environment (ELTERNBEITRAEGE_*, DATABASE_URL)."""
from __future__ import annotations

import ipaddress
import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from .ratelimit import parse_rate

ENV_PREFIX = "ELTERNBEITRAEGE_"
MIN_SECRET_BYTES = 32
DEVELOPMENT_HOST = "127.0.0.1"
DEVELOPMENT_PORT = "5000"
RATE_SETTINGS = ("REGISTER_ADDRESS_RATE_LIMIT", "REGISTER_CODE_RATE_LIMIT", "ESTIMATE_RATE_LIMIT",
                 "RESET_ADDRESS_RATE_LIMIT", "RESET_EMAIL_RATE_LIMIT")
MAIL_SETTINGS = ("MAIL_SMTP_HOST", "MAIL_SMTP_PORT", "MAIL_SMTP_STARTTLS", "MAIL_SMTP_USER", "MAIL_SMTP_PASSWORD",
                 "MAIL_SMTP_TIMEOUT", "MAIL_FROM", "MAIL_DIR", "MAIL_REQUEUE_AFTER_HOURS")


def defaults(instance_path: str) -> dict:
    """Return the settings used when nothing else is given."""
    return {
        "ENV_NAME": "development",
        "SECRET_KEY": None,
        "DATABASE_URL": f"sqlite:///{Path(instance_path) / 'elternbeitraege.sqlite'}",
        "PUBLIC_URL": None,  # where parents reach the app (letters, QR codes); required in production
        "PUBLIC_URL_FOLLOWS_REQUEST": False,
        "KERN_DIST": str(Path(__file__).resolve().parent.parent / "node_modules/@kern-ux/native/dist"),
        "MAX_CONTENT_LENGTH": 11 * 1024 * 1024,
        "MAX_UPLOAD_BYTES": 10 * 1024 * 1024,
        # Proofs per case: how many files and how many bytes in all.
        "MAX_PROOFS_PER_CASE": 30,
        "MAX_PROOF_BYTES_PER_CASE": 50 * 1024 * 1024,
        # Images are refused above this many pixels, read from their header before anything is decoded.
        "MAX_IMAGE_PIXELS": 50_000_000,
        # Reading an uploaded file (proof, logo, statute) runs in a separate process with these bounds.
        "FILE_CHECK_SECONDS": 5,
        "FILE_CHECK_MEMORY_MB": 512,
        "MAX_STATUTE_BYTES": 256 * 1024,
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
        # Attempts per client address and per access code ("N/second", "N/minute", "N/hour"; "off": none).
        "REGISTER_ADDRESS_RATE_LIMIT": "20/hour",
        "REGISTER_CODE_RATE_LIMIT": "5/hour",
        # "Passwort vergessen": requests per client address, and links sent per e-mail address.
        "RESET_ADDRESS_RATE_LIMIT": "10/hour",
        "RESET_EMAIL_RATE_LIMIT": "3/hour",
        # How many reverse proxies in front of the app set X-Forwarded-For and -Proto (0: none, trust nothing).
        "TRUSTED_PROXIES": 0,
        # POST /api/v1/estimate per client address: "N/second", "N/minute", "N/hour"; "off" or empty: no limit
        "ESTIMATE_RATE_LIMIT": "60/minute",
        # Where a batch of notices writes its print file for postal dispatch, and how many processes render.
        "PRINT_DIR": str(Path(instance_path) / "druck"),
        "NOTICE_WORKERS": 0,  # 0: one per core
        # E-mail (``flask mail send-due``): the SMTP server; without a host, mails are written to MAIL_DIR
        # (development). Read also without the prefix, e.g. MAIL_SMTP_HOST.
        "MAIL_SMTP_HOST": "",
        "MAIL_SMTP_PORT": 587,
        "MAIL_SMTP_STARTTLS": True,
        "MAIL_SMTP_USER": "",
        "MAIL_SMTP_PASSWORD": "",
        "MAIL_SMTP_TIMEOUT": 30,
        "MAIL_FROM": "Elternbeiträge <keine-antwort@elternbeitraege.invalid>",
        "MAIL_DIR": str(Path(instance_path) / "mails"),
        # A mail left "sending" by a sender that died is put back as due after this many hours (0: never).
        "MAIL_REQUEUE_AFTER_HOURS": 24,
    }


def from_environment(known: dict) -> dict:
    """Read overrides: ``DATABASE_URL`` and every ``ELTERNBEITRAEGE_<KEY>``, typed like the defaults."""
    overrides = {
        key[len(ENV_PREFIX):]: _typed(value, known.get(key[len(ENV_PREFIX):]))
        for key, value in os.environ.items() if key.startswith(ENV_PREFIX)
    }
    for key in MAIL_SETTINGS:  # the mail settings also under their plain names (MAIL_SMTP_HOST, …)
        if key in os.environ and key not in overrides:
            overrides[key] = _typed(os.environ[key], known.get(key))
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
    if config["ENV_NAME"] == "production":
        _refuse_unsafe_production(config)
        config["SESSION_COOKIE_SECURE"] = True
    else:
        config["SECRET_KEY"] = config.get("SECRET_KEY") or _instance_secret(Path(instance_path))
        # Unset in development, letters point where the app is served: the requested address in a
        # request, else the address ``flask run`` is told to serve on (FLASK_RUN_HOST/FLASK_RUN_PORT).
        config["PUBLIC_URL_FOLLOWS_REQUEST"] = not config.get("PUBLIC_URL")
        config["PUBLIC_URL"] = config.get("PUBLIC_URL") or development_url()
    config["PUBLIC_URL"] = config["PUBLIC_URL"].rstrip("/")
    for name in RATE_SETTINGS:
        try:
            parse_rate(config[name])
        except ValueError as error:
            raise ValueError(f"{ENV_PREFIX}{name}: {error}") from None
    url = config["DATABASE_URL"]
    if url.startswith("postgresql://"):
        config["DATABASE_URL"] = "postgresql+psycopg://" + url[len("postgresql://"):]


def development_url() -> str:
    """Return the address ``flask run`` serves on, from the settings it reads itself."""
    host = os.environ.get("FLASK_RUN_HOST") or DEVELOPMENT_HOST
    if host in ("0.0.0.0", "::"):
        host = DEVELOPMENT_HOST
    port = os.environ.get("FLASK_RUN_PORT") or DEVELOPMENT_PORT
    return f"http://{f'[{host}]' if ':' in host else host}:{port}"


def _refuse_unsafe_production(config: dict) -> None:
    """Refuse to start production with a guessable secret key or a public URL that no parent can open."""
    key = config.get("SECRET_KEY") or ""
    if len(key.encode() if isinstance(key, str) else key) < MIN_SECRET_BYTES:
        raise RuntimeError(f"ELTERNBEITRAEGE_SECRET_KEY muss in Produktion gesetzt sein und mindestens "
                           f"{MIN_SECRET_BYTES} Bytes lang sein, z. B. python3 -c 'import secrets; "
                           "print(secrets.token_hex(32))'")
    problem = public_url_problem(config.get("PUBLIC_URL") or "")
    if problem:
        raise RuntimeError(f"ELTERNBEITRAEGE_PUBLIC_URL: {problem}")


def public_url_problem(url: str) -> str | None:
    """Return why a public URL cannot go into letters (missing, no http(s), loopback or unspecified host)."""
    if not url:
        return "muss in Produktion gesetzt sein: die Adresse, unter der Eltern die Anwendung erreichen " \
               "(sie steht in Briefen und QR-Codes), z. B. https://elternbeitraege.kreis.example"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises for a port that is no number)
    except ValueError:
        return f"„{url}“ ist keine Adresse"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"„{url}“ ist keine http- oder https-Adresse mit Rechnernamen"
    host = parts.hostname
    if host == "localhost" or host.endswith(".localhost") or _is_local_address(host):
        return f"„{url}“ zeigt auf diesen Rechner; Eltern erreichen sie nicht"
    return None


def _is_local_address(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified or address.is_link_local


def _instance_secret(instance: Path) -> str:
    """Keep a random development key in the instance folder, so sessions survive restarts."""
    instance.mkdir(parents=True, exist_ok=True)
    key_file = instance / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()
