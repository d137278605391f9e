"""What the sync remembers: each activity it wrote, the shared rate budget, the outbox."""

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from runnerly_core.outbox import OutboxEventMixin
from runnerly_strava.base import Base, UtcDateTime, utcnow

DETAIL_STATES = ("pending", "done", "none")


class SyncedActivity(Base):
    """A Strava run written to the data service, and whether its details followed."""

    __tablename__ = "synced_activities"
    __table_args__ = (Index("ix_synced_activities_details", "details", "user_id"),)

    activity_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    user_id: Mapped[int] = mapped_column(ForeignKey("links.user_id", ondelete="CASCADE"), index=True)
    run_id: Mapped[int]
    # Hash of the summary last seen: an unchanged summary needs no write at all.
    summary_hash: Mapped[str] = mapped_column(String(64))
    details: Mapped[str] = mapped_column(String(8), default="pending")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)


class RateWindow(Base):
    """One of Strava's four rate windows, as every worker of the service sees it."""

    __tablename__ = "rate_windows"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    # Epoch second the current window started; a new window starts from zero.
    window_start: Mapped[int] = mapped_column(BigInteger)
    used: Mapped[int]
    limit: Mapped[int]


class OutboxEvent(OutboxEventMixin, Base):
    """A domain event recorded with the change it announces (see runnerly_core.outbox)."""
