"""A runner's credentials and the single-use links mailed to them."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from runnerly_dashboard.base import Base, JsonDocument, UtcDateTime, utcnow


class Account(Base):
    """Who can log in. ``user_id`` is the runner in the data service, set once the address
    is confirmed; the profile itself stays there."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    # None for a runner who came with Strava and never set a password.
    password_hash: Mapped[str | None] = mapped_column(String(200))
    user_id: Mapped[int | None] = mapped_column(unique=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    monthly_report: Mapped[bool] = mapped_column(default=False)
    # The distance the runner means to run this calendar year (None: no goal). Only the
    # web app reads it, so it lives with the account, not in the data service's profile.
    yearly_goal_m: Mapped[float | None]


class EmailToken(Base):
    """A mailed link: only a keyed hash of its token is kept; it works once, until it expires."""

    __tablename__ = "email_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(20))
    payload: Mapped[dict] = mapped_column(JsonDocument, default=dict)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
