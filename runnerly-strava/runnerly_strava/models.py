"""Every model of the service, so that ``Base.metadata`` is complete (Alembic, tests)."""

from runnerly_strava.base import Base
from runnerly_strava.links.models import Link, UsedState
from runnerly_strava.sync.models import OutboxEvent, RateWindow, SyncedActivity
from runnerly_strava.webhooks.models import AthleteEventWindow, Subscription, WebhookEvent

__all__ = [
    "AthleteEventWindow",
    "Base",
    "Link",
    "OutboxEvent",
    "RateWindow",
    "Subscription",
    "SyncedActivity",
    "UsedState",
    "WebhookEvent",
]
