"""The sandbox's notion of "now": an injected clock plus an admin-set offset."""

from __future__ import annotations

import threading

from .config import Clock


class SandboxClock:
    """Callable returning epoch seconds; `advance` lets tests move time over HTTP.

    Token expiry, rate-limit windows and event times read this clock. Webhook
    retry delays and timeouts use real time: they pace real network calls.
    """

    def __init__(self, base: Clock) -> None:
        self._base = base
        self._offset = 0.0
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self._base() + self._offset

    def advance(self, seconds: float) -> float:
        with self._lock:
            self._offset += seconds
        return self()

    def reset(self) -> None:
        with self._lock:
            self._offset = 0.0
