"""A small in-memory rate limiter: at most N requests per client in a fixed window (second, minute or hour).

Each client's window starts with its first request and lasts one period; within it the client may send
``limit`` requests, the next ones are refused until the window ends. The state lives in the memory of
one process: with several worker processes (gunicorn ``-w 4``) every process counts for itself, so a
client may get up to ``workers × limit`` requests through. Memory is bounded: at most ``max_clients``
windows are kept; expired windows are dropped first, then the oldest ones (a flood of distinct addresses
can thus reset some windows early — the bound on memory matters more).
"""
from __future__ import annotations

import math
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

PERIODS = {"second": 1, "minute": 60, "hour": 3600}
OFF = ("", "off", "none", "0")
_RATE = re.compile(r"\s*([0-9]{1,9})\s*/\s*(second|minute|hour)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Rate:
    """``limit`` requests per ``period`` seconds."""

    limit: int
    period: int


def parse_rate(setting: str | None) -> Rate | None:
    """Parse ``"60/minute"`` (also ``second``, ``hour``); empty or ``"off"`` means no limit."""
    if setting is None or setting.strip().lower() in OFF:
        return None
    match = _RATE.fullmatch(setting)
    if match is None or int(match.group(1)) < 1:
        raise ValueError(f"Ungültige Begrenzung {setting!r}: erwartet z. B. '60/minute', '5/second', "
                         "'1000/hour' oder 'off'")
    return Rate(int(match.group(1)), PERIODS[match.group(2).lower()])


@dataclass(frozen=True)
class Decision:
    """Whether a request may pass; if not, after how many whole seconds the client may try again."""

    allowed: bool
    retry_after: int = 0


class RateLimiter:
    """Count requests per client key in fixed windows; thread-safe; at most ``max_clients`` keys in memory."""

    def __init__(self, rate: Rate, clock: Callable[[], float] = time.monotonic, max_clients: int = 10_000):
        self.rate = rate
        self.max_clients = max_clients
        self._clock = clock
        self._lock = threading.Lock()
        # key → [window start, requests counted]; ordered by window start, oldest first
        self._windows: OrderedDict[str, list[float | int]] = OrderedDict()

    def hit(self, key: str) -> Decision:
        """Count one request of a client and tell whether it may pass."""
        with self._lock:
            now = self._clock()
            self._drop_expired(now)
            window = self._windows.get(key)
            if window is None:
                window = self._open(key, now)
            start, count = window
            if count >= self.rate.limit:
                return Decision(False, max(1, math.ceil(start + self.rate.period - now)))
            window[1] = count + 1
            return Decision(True)

    def __len__(self) -> int:
        return len(self._windows)

    def _open(self, key: str, now: float) -> list[float | int]:
        while len(self._windows) >= self.max_clients:
            self._windows.popitem(last=False)
        window: list[float | int] = [now, 0]
        self._windows[key] = window
        return window

    def _drop_expired(self, now: float) -> None:
        """Drop windows that have ended; they sit at the front because windows are kept in order of start."""
        while self._windows:
            start = next(iter(self._windows.values()))[0]
            if now - start < self.rate.period:
                return
            self._windows.popitem(last=False)
