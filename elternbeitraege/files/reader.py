"""The reader process: ``python -m elternbeitraege.files.reader '<settings as JSON>'`` reads one uploaded file
from standard input and writes its verdict as JSON to standard output.

It first loads the libraries it needs, then limits itself — address space, CPU seconds, no file written, no
core dump — and only then reads a byte of the file. Whatever the file does to pypdf, Pillow or the statute
parser, it does it here: a hang ends with the parent's timeout (or the CPU limit), an allocation beyond the
limit ends as ``MemoryError`` or a killed process, and the web worker only ever sees a verdict.
"""
from __future__ import annotations

import json
import logging
import math
import resource
import sys
import warnings
from collections.abc import Callable

from .kinds import BROKEN, COMPLEX, PDF, STATUTE, Verdict

MAX_MESSAGE = 2000  # characters of a statute file's message


def main(argv: list[str]) -> int:
    """Check the file on standard input as the settings say and print the verdict."""
    settings = json.loads(argv[1])
    check = _checker(settings)
    _limit(settings["seconds"], settings["memory_mb"])
    content = sys.stdin.buffer.read()
    try:
        verdict = check(content)
    except (MemoryError, RecursionError):
        verdict = Verdict(COMPLEX)
    except Exception:  # any failure to read is a refusal, never a traceback
        verdict = Verdict(BROKEN)
    sys.stdout.write(verdict.to_json())
    sys.stdout.flush()
    return 0


def _checker(settings: dict) -> Callable[[bytes], Verdict]:
    """Import what the check needs (before the limits: loading code is not the file's doing) and return it."""
    logging.disable(logging.CRITICAL)  # pypdf warns about every oddity of a file; the verdict is what counts
    warnings.simplefilter("ignore")
    if settings["purpose"] == "statute":
        from ..fees.statute import StatuteError
        from ..fees.statute_file import parse_statute_file

        def statute(content: bytes) -> Verdict:
            try:
                parse_statute_file(settings["name"], content.decode("utf-8"))
            except StatuteError as error:
                return Verdict(STATUTE, message=str(error)[:MAX_MESSAGE])
            return Verdict(None)
        return statute
    if settings["media_type"] == PDF:
        from .pdfs import pdf_verdict
        return pdf_verdict
    from .images import image_verdict
    return lambda content: image_verdict(content, settings["media_type"], settings["max_pixels"],
                                         settings["max_side"])


def _limit(seconds: float, memory_mb: int) -> None:
    """Bound this process: its address space, its CPU time (a second more than the parent waits), no files."""
    for kind, value in ((resource.RLIMIT_AS, memory_mb * 1024 * 1024), (resource.RLIMIT_CPU, math.ceil(seconds) + 1),
                        (resource.RLIMIT_FSIZE, 0), (resource.RLIMIT_CORE, 0)):
        _soft, hard = resource.getrlimit(kind)
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(kind, (value, value))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
