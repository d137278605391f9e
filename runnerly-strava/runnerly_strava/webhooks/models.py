"""Webhook events as received (deduplicated), the app's push subscription, and how many
events of each athlete called Strava in the current minute."""

from datetime import datetime

from sqlalchemy import BigInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from runnerly_strava.base import Base, JsonDocument, UtcDateTime, utcnow


class WebhookEvent(Base):
    __tablename__ = "webhook_events"
    __table_args__ = (
        # Strava delivers an event up to three times: the same event is stored once.
        UniqueConstraint("object_id", "aspect_type", "event_time", name="uq_webhook_events_identity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    object_type: Mapped[str] = mapped_column(String(16))
    object_id: Mapped[int] = mapped_column(BigInteger)
    aspect_type: Mapped[str] = mapped_column(String(16))
    event_time: Mapped[int] = mapped_column(BigInteger)
    owner_id: Mapped[int] = mapped_column(BigInteger, index=True)
    updates: Mapped[dict] = mapped_column(JsonDocument, default=dict)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    # Last time the athlete's allowance was spent when this event's turn came: it waits
    # for the sweep (runnerly_strava.webhooks.allowance).
    deferred_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Subscription(Base):
    """The application's one push subscription at Strava."""

    __tablename__ = "webhook_subscriptions"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    callback_url: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class AthleteEventWindow(Base):
    """Events of one athlete that called Strava in the minute starting at ``window_start``,
    shared by every worker like the rate budget."""

    __tablename__ = "athlete_event_windows"

    athlete_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    window_start: Mapped[int] = mapped_column(BigInteger)
    used: Mapped[int]
