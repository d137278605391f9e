"""Faults an admin can inject into the next API requests."""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass


@dataclass
class FaultSettings:
    rate_limited: int = 0
    server_errors: int = 0
    server_error_status: int = 500
    latency_ms: int = 0


@dataclass(frozen=True)
class Fault:
    """What to do to one request: delay it, and maybe fail it with a status."""

    latency_ms: int
    status: int | None


class Faults:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._settings = FaultSettings()

    def configure(self, **changes: int) -> dict[str, int]:
        with self._lock:
            for name, value in changes.items():
                setattr(self._settings, name, value)
            return asdict(self._settings)

    def settings(self) -> dict[str, int]:
        with self._lock:
            return asdict(self._settings)

    def clear(self) -> None:
        with self._lock:
            self._settings = FaultSettings()

    def take(self) -> Fault:
        """Consume one injected failure, 429s first, then server errors."""
        with self._lock:
            settings, status = self._settings, None
            if settings.rate_limited > 0:
                settings.rate_limited -= 1
                status = 429
            elif settings.server_errors > 0:
                settings.server_errors -= 1
                status = settings.server_error_status
            return Fault(settings.latency_ms, status)
