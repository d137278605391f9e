"""The ``clients`` table."""

from datetime import UTC, datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from runnerly_core.orm import UtcDateTime
from runnerly_tokendealer.orm import Base


def _now() -> datetime:
    return datetime.now(UTC)


class Client(Base):
    """A registered client; its ``name`` is the OAuth ``client_id``."""

    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    # An HMAC-SHA256 (``clients.secrets``); the secret itself is shown once, when it is
    # made, and never stored.
    secret_hash: Mapped[str] = mapped_column(String(255))
    # Space-separated, as OAuth writes scopes.
    scope: Mapped[str] = mapped_column(String(1000))
    # The services this client may get tokens for (their ``aud``), space-separated.
    audience: Mapped[str] = mapped_column(String(1000))
    # Trusted clients (the dashboard) may ask for tokens on behalf of a user.
    trusted: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def scopes(self) -> frozenset[str]:
        return frozenset(self.scope.split())

    @property
    def audiences(self) -> frozenset[str]:
        return frozenset(self.audience.split())

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class AuthFailure(Base):
    """A failed client authentication, kept for the throttle's window (``throttle``).

    In the database rather than in a process, so that every worker of every replica
    counts the same failures.
    """

    __tablename__ = "auth_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    # "client:<name>" or "address:<ip>".
    key: Mapped[str] = mapped_column(String(200), index=True)
    failed_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
