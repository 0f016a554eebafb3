"""Reading an uploaded file in a separate, short-lived process, bounded in time and memory.

The web worker never parses an uploaded file itself: it starts ``python -m elternbeitraege.files.reader``
with the file on standard input and waits at most ``seconds`` for a small verdict. The reader limits its own
address space and CPU time before it reads the file (see :mod:`.reader`). A fresh interpreter (not a fork)
is safe under threaded servers, inherits no database connection, sees only a minimal environment (no
secrets), and dies with whatever a crafted file did to it. The price is a start of roughly 0.05 s (images)
to 0.15 s (PDFs, pypdf is larger) per check.
"""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from .kinds import BROKEN, COMPLEX, EMPTY, EXTENSIONS, TYPE, UNAVAILABLE, Verdict, media_type_of

log = logging.getLogger(__name__)

READER = "elternbeitraege.files.reader"


@dataclass(frozen=True)
class Bounds:
    """How long a check may take, how much memory the reader may use, how large an image may be."""

    seconds: float = 5
    memory_mb: int = 512
    max_pixels: int = 50_000_000
    max_side: int | None = None  # the longest side in pixels, where it matters (logos)


def bounds_from(settings: Mapping) -> Bounds:
    """Return the bounds the app's settings give (``FILE_CHECK_SECONDS``, ``FILE_CHECK_MEMORY_MB``,
    ``MAX_IMAGE_PIXELS``)."""
    return Bounds(settings["FILE_CHECK_SECONDS"], settings["FILE_CHECK_MEMORY_MB"], settings["MAX_IMAGE_PIXELS"])


def check(content: bytes, bounds: Bounds = Bounds(), allowed: Iterable[str] = tuple(EXTENSIONS)) -> Verdict:
    """Check an uploaded file of one of the ``allowed`` media types by its content; never raise."""
    if not content:
        return Verdict(EMPTY)
    media_type = media_type_of(content)
    if media_type not in tuple(allowed):
        return Verdict(TYPE)
    verdict = _run({"purpose": "file", "media_type": media_type, "max_pixels": bounds.max_pixels,
                    "max_side": bounds.max_side}, content, bounds)
    if verdict.media_type not in (None, media_type):
        return Verdict(BROKEN, media_type)
    return replace(verdict, media_type=media_type)


def check_statute(name: str, text: str, bounds: Bounds = Bounds()) -> Verdict:
    """Parse a statute file in the reader process; ``message`` says in German what is wrong with it."""
    return _run({"purpose": "statute", "name": name}, text.encode("utf-8"), bounds)


def _run(settings: dict, content: bytes, bounds: Bounds) -> Verdict:
    command = [sys.executable, "-B", "-s", "-P", "-m", READER,
               json.dumps({**settings, "seconds": bounds.seconds, "memory_mb": bounds.memory_mb})]
    started = time.perf_counter()
    try:
        done = subprocess.run(command, input=content, capture_output=True, timeout=bounds.seconds,
                              env=_environment(), check=False)
    except subprocess.TimeoutExpired:
        log.warning("file check stopped after %s s", bounds.seconds)
        return Verdict(COMPLEX)
    except OSError:
        log.exception("file check could not be started")
        return Verdict(UNAVAILABLE)
    if done.returncode < 0:  # killed at a limit, or a decoder crashed
        log.warning("file check ended by signal %s: %s", -done.returncode, _tail(done.stderr))
        return Verdict(COMPLEX)
    if done.returncode > 0:  # the reader itself failed (it answers every file with a verdict)
        log.error("file check failed with exit code %s: %s", done.returncode, _tail(done.stderr))
        return Verdict(UNAVAILABLE)
    verdict = Verdict.from_json(done.stdout.decode("utf-8", "replace"))
    log.info("file check (%s): %s in %.3f s", settings.get("media_type") or settings["purpose"],
             verdict.problem or "ok", time.perf_counter() - started)
    return verdict


def _tail(stderr: bytes) -> str:
    return stderr[-1000:].decode("utf-8", "replace")


def _environment() -> dict[str, str]:
    """Return the reader's environment: where to find the packages, and nothing else (no secrets)."""
    path = os.pathsep.join(entry or os.getcwd() for entry in sys.path)
    return {"PYTHONPATH": path, "LC_ALL": "C.UTF-8"}
