"""The ``clients`` table."""

from datetime import UTC, datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from runnerly_tokendealer.orm import Base


def _now() -> datetime:
    return datetime.now(UTC)


class Client(Base):
    """A registered client; its ``name`` is the OAuth ``client_id``."""

    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    # An argon2id hash; the secret itself is shown once, when it is made, and never stored.
    secret_hash: Mapped[str] = mapped_column(String(255))
    # Space-separated, as OAuth writes scopes.
    scope: Mapped[str] = mapped_column(String(1000))
    # Trusted clients (the dashboard) may ask for tokens on behalf of a user.
    trusted: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def scopes(self) -> frozenset[str]:
        return frozenset(self.scope.split())

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
