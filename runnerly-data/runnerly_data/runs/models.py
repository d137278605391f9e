"""A run (activity) from Strava, an uploaded file or typed in by hand."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from runnerly_data.base import Base, JsonDocument, UtcDateTime, utcnow

SOURCES = ("strava", "upload", "manual")


class Run(Base):
    __tablename__ = "runs"
    __table_args__ = (
        # The idempotency key of bulk upserts: one row per item of a source.
        UniqueConstraint("user_id", "source", "source_id", name="uq_runs_user_source"),
        Index("ix_runs_user_start", "user_id", "start_time"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(16))
    source_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(255), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    sport_type: Mapped[str] = mapped_column(String(32), default="Run")
    is_race: Mapped[bool] = mapped_column(default=False)
    start_time: Mapped[datetime] = mapped_column(UtcDateTime)
    # Wall-clock time where the runner was: what "runs in March" and weeks are cut on.
    start_time_local: Mapped[datetime]
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    distance_m: Mapped[float]
    moving_time_s: Mapped[int]
    elapsed_time_s: Mapped[int]
    elevation_gain_m: Mapped[float | None]
    average_speed_mps: Mapped[float | None]
    max_speed_mps: Mapped[float | None]
    average_heartrate: Mapped[float | None]
    max_heartrate: Mapped[float | None]
    average_cadence: Mapped[float | None]
    polyline: Mapped[str | None] = mapped_column(Text)
    splits: Mapped[list | None] = mapped_column(JsonDocument)
    laps: Mapped[list | None] = mapped_column(JsonDocument)
    raw: Mapped[dict | None] = mapped_column(JsonDocument)
    # Samples over time (``time_s`` with ``heartrate`` and/or ``cadence``), bounded by
    # the schema: what zones and TRIMP are computed from, when the source has them.
    streams: Mapped[dict | None] = mapped_column(JsonDocument)
    # Hash of the last payload written: a repeated upsert of the same data is "unchanged".
    content_hash: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
