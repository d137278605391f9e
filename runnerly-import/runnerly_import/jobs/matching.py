"""The same activity twice: a run already in the data service (from Strava, or another
file of it) is the same run by :mod:`runnerly_core.sameactivity`'s rule (start within a minute,
distance within 3 %), the rule the data service applies when a Strava run comes after its
file: one rule, not a setting, so that both orders agree. The very same file is not a
match: its content hash is its source id, and the bulk upsert finds it "unchanged"."""

from __future__ import annotations

from datetime import datetime, timedelta

from runnerly_core.dataservice import DataService
from runnerly_core.sameactivity import same_activity

GROUP_DAYS = 7  # runs that start this close to the previous one share one query


def instant(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


class Matcher:
    """Finds, for each new run, the run already known for the same activity."""

    def __init__(self, data: DataService, user_id: int) -> None:
        self.data, self.user_id = data, user_id
        self.known: list[dict] = []

    def load_around(self, runs: list[dict]) -> None:
        """The runner's runs around these runs' starts, one query per cluster of days."""
        starts = sorted(instant(run["start_time"]) for run in runs)
        for first, last in _clusters(starts):
            days = (
                (first - timedelta(days=1)).date().isoformat(),
                (last + timedelta(days=1)).date().isoformat(),
            )
            self.known += self.data.runs_between(self.user_id, *days)

    def match(self, run: dict) -> dict | None:
        start = instant(run["start_time"])
        candidates = [
            known
            for known in self.known
            if known["source_id"] != run["source_id"] and self._same(known, run, start)
        ]
        return min(candidates, key=lambda known: abs(instant(known["start_time"]) - start), default=None)

    def remember(self, run: dict, run_id: int | None) -> None:
        """A run of this batch, so that a later file of the same activity matches it."""
        self.known.append({**run, "id": run_id})

    def _same(self, known: dict, run: dict, start: datetime) -> bool:
        return same_activity(instant(known["start_time"]), known["distance_m"], start, run["distance_m"])


def _clusters(starts: list[datetime]) -> list[tuple[datetime, datetime]]:
    """Starts no more than ``GROUP_DAYS`` apart share a query: a bulk export of daily runs
    is one query (paged), two files years apart are two small ones."""
    clusters: list[tuple[datetime, datetime]] = []
    for start in starts:
        if clusters and start - clusters[-1][1] <= timedelta(days=GROUP_DAYS):
            clusters[-1] = (clusters[-1][0], start)
        else:
            clusters.append((start, start))
    return clusters
