"""Throttling failed client authentication, per client name and per address.

Client secrets cannot be guessed (256 random bits), so the throttle is not what keeps
them safe: it bounds what a stranger can make the dealer do with wrong credentials (work,
log lines, rows), and makes a misconfigured client visible fast. Failures are rows in the
dealer's database, so that every worker of every replica counts the same ones. Once a
name or an address has failed ``limit`` times within the window, its requests are
refused without checking the secret until the oldest of those failures leaves the window.

The price of the per-client limit: anyone who knows a client's name can hold that client
out for a window by failing on purpose. The window is short and both limits are settings
(``RUNNERLY_TOKENDEALER_CLIENT_FAILURE_LIMIT`` ...); services cache their tokens for most
of an hour, so a short hold rarely reaches them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from runnerly_tokendealer.clients.models import AuthFailure

NAME_LENGTH = 100


@dataclass(frozen=True)
class Limits:
    per_client: int
    per_address: int
    window: timedelta


@dataclass(frozen=True)
class Attempt:
    """Who is trying: the client name they claim, and where they come from."""

    client_id: str
    address: str

    def keys(self, limits: Limits) -> list[tuple[str, int]]:
        keys = [(f"address:{self.address[:NAME_LENGTH]}", limits.per_address)]
        if self.client_id:
            keys.append((f"client:{self.client_id[:NAME_LENGTH]}", limits.per_client))
        return keys


def retry_after(
    session: Session, attempt: Attempt, limits: Limits, now: datetime | None = None
) -> int | None:
    """Seconds until ``attempt`` may be tried again, or ``None`` if it may be now."""
    now = now or datetime.now(UTC)
    waits = [_wait(session, key, limit, limits.window, now) for key, limit in attempt.keys(limits)]
    longest = max((wait for wait in waits if wait is not None), default=None)
    return None if longest is None else max(1, math.ceil(longest))


def record_failure(session: Session, attempt: Attempt, limits: Limits, now: datetime | None = None) -> None:
    """Count a failure, forget failures older than the window, and commit: the request
    that failed is answered with an error, and its failure must outlive it."""
    now = now or datetime.now(UTC)
    session.add_all(AuthFailure(key=key, failed_at=now) for key, _ in attempt.keys(limits))
    session.execute(delete(AuthFailure).where(AuthFailure.failed_at <= now - limits.window))
    session.commit()


def _wait(session: Session, key: str, limit: int, window: timedelta, now: datetime) -> float | None:
    recent = session.scalars(
        select(AuthFailure.failed_at)
        .where(AuthFailure.key == key, AuthFailure.failed_at > now - window)
        .order_by(AuthFailure.failed_at.desc())
        .limit(limit)
    ).all()
    if len(recent) < limit:
        return None
    return (recent[-1] + window - now).total_seconds()
