"""The athletes and activities of one sandbox, in memory behind a lock."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from .builder import Role, build_activity
from .edits import EditError, apply_edits, webhook_updates
from .model import Activity, Athlete
from .places import DEMO_ATHLETES
from .seed import SeedSpec, generate, home_of, seeded_rng
from .timefmt import iso_utc
from .workouts import OTHER_PLANS

#: Where an admin-created activity starts when the request names no time.
DEFAULT_CREATED_AGO = 2 * 3600
CREATABLE_SPORT_TYPES = ("Run", *OTHER_PLANS)


@dataclass(frozen=True)
class ActivityChange:
    """What happened to an activity, for the webhook fan-out."""

    activity_id: int
    owner_id: int
    aspect_type: str  # create, update or delete
    updates: dict[str, str]
    was_private: bool
    is_private: bool


class ActivityStore:
    def __init__(self, spec: SeedSpec) -> None:
        self.lock = threading.RLock()
        self.athletes: dict[int, Athlete] = {a.id: a for a in DEMO_ATHLETES}
        self.reset(spec)

    def reset(self, spec: SeedSpec) -> None:
        activities = generate(spec)
        with self.lock:
            self._spec = spec
            self._activities = {a.id: a for a in activities}
            self._last_id = max(self._activities, default=0)
            self._created = 0

    def athlete(self, athlete_id: int) -> Athlete | None:
        return self.athletes.get(athlete_id)

    def get(self, activity_id: int) -> Activity | None:
        """A copy, so a caller may read it outside the lock while edits go on."""
        with self.lock:
            activity = self._activities.get(activity_id)
            return replace(activity) if activity else None

    def of_athlete(self, athlete_id: int, include_private: bool) -> list[Activity]:
        """The athlete's activities, newest first."""
        with self.lock:
            found = [
                replace(a)
                for a in self._activities.values()
                if a.athlete_id == athlete_id and (include_private or not a.private)
            ]
        return sorted(found, key=lambda a: (a.start, a.id), reverse=True)

    def create(self, fields: dict[str, Any], now: float) -> tuple[Activity, ActivityChange]:
        athlete = self._athlete_for(fields.get("athlete_id"))
        sport_type = fields.get("sport_type", "Run")
        if sport_type not in CREATABLE_SPORT_TYPES:
            raise EditError(f"sport_type must be one of {', '.join(CREATABLE_SPORT_TYPES)}")
        with self.lock:
            self._created += 1
            rng = seeded_rng(self._spec.seed, "admin", self._created)
            role = Role(sport_type, "easy" if sport_type == "Run" else "other")
            local = datetime.fromtimestamp(now - DEFAULT_CREATED_AGO, ZoneInfo(athlete.city.tz_name))
            draft = build_activity(
                rng,
                athlete,
                role,
                local.replace(tzinfo=None),
                athlete.city,
                1.0,
                home_of(self._spec.seed, athlete),
            )
            activity = apply_edits(draft, {k: v for k, v in fields.items() if k != "sport_type"})
            self._last_id += rng.randint(1_000, 400_000)
            activity.id, activity.upload_id = self._last_id, self._last_id + 800_000_000
            self._activities[activity.id] = activity
        return replace(activity), ActivityChange(
            activity.id, athlete.id, "create", {}, activity.private, activity.private
        )

    def update(self, activity_id: int, fields: dict[str, Any]) -> tuple[Activity, ActivityChange]:
        with self.lock:
            before = self._existing(activity_id)
            after = apply_edits(before, fields)
            self._activities[activity_id] = after
        change = ActivityChange(
            activity_id,
            after.athlete_id,
            "update",
            webhook_updates(before, after),
            before.private,
            after.private,
        )
        return replace(after), change

    def delete(self, activity_id: int) -> ActivityChange:
        with self.lock:
            activity = self._existing(activity_id)
            del self._activities[activity_id]
        return ActivityChange(
            activity_id, activity.athlete_id, "delete", {}, activity.private, activity.private
        )

    def stats(self, athlete_id: int) -> dict[str, Any]:
        activities = self.of_athlete(athlete_id, include_private=True)
        runs = [a for a in activities if a.is_run]
        return {
            "activities": len(activities),
            "runs": len(runs),
            "private": sum(a.private for a in activities),
            "private_runs": sum(a.private for a in runs),
            "races": sum(a.workout_type == 1 for a in runs),
            "by_sport_type": dict(Counter(a.sport_type for a in activities)),
            "first_start_date": iso_utc(activities[-1].start) if activities else None,
            "last_start_date": iso_utc(activities[0].start) if activities else None,
        }

    def _existing(self, activity_id: int) -> Activity:
        activity = self._activities.get(activity_id)
        if activity is None:
            raise LookupError(f"no activity {activity_id}")
        return activity

    def _athlete_for(self, athlete_id: Any) -> Athlete:
        athlete = self.athletes.get(athlete_id) if isinstance(athlete_id, int) else None
        if athlete is None:
            raise EditError(f"athlete_id must be one of {sorted(self.athletes)}")
        return athlete
