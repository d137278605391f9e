"""What a sync step hands back: the work to enqueue once its transaction has committed."""

from __future__ import annotations

from dataclasses import dataclass, field

from runnerly_strava.runtime import Jobs


@dataclass
class FollowUp:
    backfill_before: int | None = None
    continue_backfill: bool = False
    details: list[int] = field(default_factory=list)

    def enqueue(self, jobs: Jobs, user_id: int | None) -> None:
        if self.continue_backfill and user_id is not None:
            jobs.backfill(user_id, self.backfill_before)
        if self.details:
            jobs.details(self.details)


NOTHING = FollowUp()
