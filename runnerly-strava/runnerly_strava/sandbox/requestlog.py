"""A bounded log of Strava-facing requests and per-endpoint counters."""

from __future__ import annotations

import threading
from collections import Counter, deque
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class LoggedRequest:
    seq: int
    time: float
    method: str
    path: str
    endpoint: str
    status: int
    client_id: str | None
    athlete_id: int | None


class RequestLog:
    def __init__(self, size: int) -> None:
        self._lock = threading.Lock()
        self._size = size
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self._entries: deque[LoggedRequest] = deque(maxlen=self._size)
            self._counts: Counter[str] = Counter()
            self._statuses: Counter[str] = Counter()
            self._seq = 0

    def record(self, **fields: Any) -> None:
        with self._lock:
            self._seq += 1
            entry = LoggedRequest(seq=self._seq, **fields)
            self._entries.append(entry)
            self._counts[entry.endpoint] += 1
            self._statuses[str(entry.status)] += 1

    def report(self, since: int = 0) -> dict[str, Any]:
        """Counters over every request since the last reset, and recent entries."""
        with self._lock:
            return {
                "total": self._seq,
                "by_endpoint": dict(self._counts),
                "by_status": dict(self._statuses),
                "requests": [asdict(e) for e in self._entries if e.seq > since],
            }
