"""A user's link to a Strava athlete, with sealed tokens and the state of its sync."""

from datetime import datetime

from sqlalchemy import BigInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from runnerly_strava.base import Base, UtcDateTime, utcnow

BACKFILL_STATES = ("pending", "running", "waiting", "done")
# Why a backfill step is deferred: which of Strava's rate windows it waits for.
WAITING_REASONS = ("rate_limit_15min", "rate_limit_daily")


class Link(Base):
    __tablename__ = "links"

    user_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    athlete_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    athlete_name: Mapped[str] = mapped_column(String(200), default="")
    # Epoch seconds; bounds the history a backfill walks through (for its estimate).
    athlete_since: Mapped[int | None] = mapped_column(BigInteger)
    scope: Mapped[str] = mapped_column(String(200))
    # Fernet-sealed; see runnerly_strava.secrets.
    access_token: Mapped[str] = mapped_column(Text)
    refresh_token: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | unlinking
    linked_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_sync_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    backfill_state: Mapped[str] = mapped_column(String(16), default="pending")
    # The next page asks for activities started before this epoch second (None: from now).
    backfill_before: Mapped[int | None] = mapped_column(BigInteger)
    backfill_pages: Mapped[int] = mapped_column(default=0)
    backfill_scanned: Mapped[int] = mapped_column(default=0)
    backfill_runs: Mapped[int] = mapped_column(default=0)
    # Refreshed by every step, so a sweep can tell a stalled chain from a busy one.
    backfill_touched_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # Epoch second at which deferred work (the daily window) may resume.
    resume_at: Mapped[int | None] = mapped_column(BigInteger)
    # One of WAITING_REASONS while a backfill step waits for a rate window (resume_at says
    # until when), so the runner sees a pause explained instead of a frozen bar.
    waiting_reason: Mapped[str | None] = mapped_column(String(24))
    # Start (epoch s) of the newest activity seen: incremental syncs ask for what is after.
    newest_start: Mapped[int | None] = mapped_column(BigInteger)


class UsedState(Base):
    """OAuth ``state`` values already redeemed: each may complete one link only."""

    __tablename__ = "used_states"

    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    used_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
