"""Merge many PDFs into one print file with poppler's ``pdfunite``, in groups, so that memory stays flat.

``pdfunite`` holds every input open at once: thousands of notices in one call need gigabytes.
Merged a hundred at a time, and the parts merged again, the same file takes some tens of
megabytes. Two groups are merged at a time, one for each core.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

GROUP = 100


class MergeError(RuntimeError):
    """Raised when the print file cannot be written."""


def _pdfunite() -> str:
    tool = shutil.which("pdfunite")
    if tool is None:
        raise MergeError("pdfunite fehlt: Installieren Sie das Debian-Paket poppler-utils.")
    return tool


def _groups(items: list[Path], size: int) -> Iterator[list[Path]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _unite(tool: str, jobs: list[tuple[list[Path], Path]]) -> None:
    """Run pdfunite for each (inputs, output), two at a time."""
    running: list[tuple[subprocess.Popen[bytes], Path]] = []
    for inputs, output in jobs:
        if len(inputs) == 1:
            shutil.copyfile(inputs[0], output)
            continue
        running.append((subprocess.Popen([tool, *map(str, inputs), str(output)], stderr=subprocess.PIPE), output))
        if len(running) >= 2:
            _wait(running.pop(0))
    for job in running:
        _wait(job)


def _wait(job: tuple[subprocess.Popen[bytes], Path]) -> None:
    process, output = job
    _out, error = process.communicate()
    if process.returncode != 0:
        raise MergeError(f"pdfunite konnte {output.name} nicht schreiben: {error.decode(errors='replace').strip()}")


def merge_files(files: list[Path], out: Path, group: int = GROUP) -> None:
    """Write the PDFs ``files``, in order, into one PDF ``out``."""
    if not files:
        raise MergeError("Es gibt keine Dokumente für die Druckdatei.")
    tool = _pdfunite()
    with tempfile.TemporaryDirectory(prefix="druck-", dir=out.parent) as work:
        level, layer = 0, list(files)
        while len(layer) > 1:
            jobs = [(inputs, Path(work) / f"{level}-{number:05d}.pdf")
                    for number, inputs in enumerate(_groups(layer, group))]
            _unite(tool, jobs)
            layer, level = [output for _inputs, output in jobs], level + 1
        shutil.copyfile(layer[0], out)


def merge(documents: Iterable[bytes], out: Path, group: int = GROUP) -> int:
    """Write PDF documents, in order, into one PDF ``out``; return how many went in."""
    with tempfile.TemporaryDirectory(prefix="einzel-", dir=out.parent) as work:
        files = []
        for number, content in enumerate(documents):
            path = Path(work) / f"{number:06d}.pdf"
            path.write_bytes(content)
            files.append(path)
        merge_files(files, out, group)
        return len(files)
