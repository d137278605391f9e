"""Login throttling per e-mail address and per network address, in the database so that
every gunicorn worker and replica counts the same failures.

The e-mail key is counted whether or not an account has that address, so a throttled
answer tells nothing about who has an account. Failures older than the window are pruned
as new ones arrive. (Flask-Limiter's storages are in-memory, Redis, Memcached or MongoDB;
the dashboard has none of those, hence these few lines over its own database.)
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from connexion.exceptions import ProblemException
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from runnerly_core.orm import utcnow
from runnerly_dashboard.extensions import keys
from runnerly_dashboard.sessions.models import LoginFailure
from runnerly_dashboard.settings import DashboardSettings


class Throttle:
    def __init__(self, db: Session, settings: DashboardSettings, email: str, address: str) -> None:
        self.db, self.settings = db, settings
        self.window = timedelta(minutes=settings.throttle_window_minutes)
        self.keys = {
            "account": (keys.hash("throttle-email", email), settings.max_failures_per_account),
            "address": (keys.hash("throttle-address", address), settings.max_failures_per_address),
        }

    def check(self) -> None:
        """Raise 429 while either key has too many recent failures."""
        since = utcnow() - self.window
        for kind, (key_hash, limit) in self.keys.items():
            count, oldest = self._failures(kind, key_hash, since)
            if count >= limit:
                raise self._refusal(kind, oldest)

    def failed(self) -> None:
        now = utcnow()
        self.db.execute(delete(LoginFailure).where(LoginFailure.at < now - self.window))
        for kind, (key_hash, _limit) in self.keys.items():
            self.db.add(LoginFailure(kind=kind, key_hash=key_hash, at=now))

    def succeeded(self) -> None:
        key_hash = self.keys["account"][0]
        self.db.execute(
            delete(LoginFailure).where(LoginFailure.kind == "account", LoginFailure.key_hash == key_hash)
        )

    def _failures(self, kind: str, key_hash: str, since: datetime) -> tuple[int, datetime | None]:
        query = select(func.count(), func.min(LoginFailure.at)).where(
            LoginFailure.kind == kind, LoginFailure.key_hash == key_hash, LoginFailure.at > since
        )
        count, oldest = self.db.execute(query).one()
        return count, oldest

    def _refusal(self, kind: str, oldest: datetime | None):
        retry_at = (oldest or utcnow()) + self.window
        seconds = max(1, math.ceil((retry_at - utcnow()).total_seconds()))
        minutes = math.ceil(seconds / 60)
        whom = "this e-mail address" if kind == "account" else "your network address"
        detail = (
            f"Too many failed logins for {whom}: try again in {minutes} minute{'s' if minutes > 1 else ''}."
        )
        return ProblemException(
            status=429, title="Too Many Requests", detail=detail, headers={"Retry-After": str(seconds)}
        )
