"""Render many documents at once in worker processes, in the order they were handed in.

WeasyPrint lays out one document on one core; a batch of thousands uses every core by handing
chunks of contexts to a pool of processes forked from a server that has already imported this
package (so each worker starts warm). With one worker, documents are rendered in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from multiprocessing.pool import AsyncResult, Pool
from typing import Any, Protocol

from .render import render_document

TASKS_PER_WORKER = 100


def _render_all(docs: Sequence[Any]) -> list[bytes]:
    return [render_document(doc) for doc in docs]


class _Part(Protocol):
    def get(self) -> list[bytes]: ...


class Pending:
    """Documents being rendered in parts; ``get`` waits for their PDFs."""

    def __init__(self, parts: Sequence[_Part | AsyncResult[list[bytes]]]) -> None:
        self._parts = parts

    def get(self) -> list[bytes]:
        """Return the PDFs in the order of the documents, or raise what rendering raised."""
        return [content for part in self._parts for content in part.get()]


class _Rendered:
    """Documents already rendered in this process, answering like a pending part."""

    def __init__(self, contents: list[bytes]) -> None:
        self._contents = contents

    def get(self) -> list[bytes]:
        return self._contents


class RenderPool:
    """A pool of rendering processes; use it as a context manager so that its workers end with it."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        self._pool: Pool | None = None

    def __enter__(self) -> RenderPool:
        if self.workers > 1:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["pdf"])
            # A worker is replaced after a hundred tasks (some thousand documents of a batch), so that nothing a
            # worker keeps can grow without end; a fresh one is forked from the warm server.
            self._pool = context.Pool(self.workers, maxtasksperchild=TASKS_PER_WORKER)
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def submit(self, docs: Sequence[Any]) -> Pending:
        """Start rendering the documents, spread over the workers; in-process with a single worker."""
        if self._pool is None:
            return Pending([_Rendered(_render_all(docs))])
        size = max(1, -(-len(docs) // self.workers))
        parts = [list(docs[start:start + size]) for start in range(0, len(docs), size)]
        return Pending([self._pool.apply_async(_render_all, (part,)) for part in parts])
