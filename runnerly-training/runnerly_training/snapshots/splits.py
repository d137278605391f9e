"""Run splits, fetched once per run version.

The data service lists runs without their splits; fetching every run's detail at every
refresh would cost a request per run. The splits of each run are kept with the run's
version, so a refresh fetches only the runs that are new or changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from runnerly_training.base import insert_for
from runnerly_training.datasource import DataSource
from runnerly_training.model.fitness import MIN_BEST_EFFORT_M
from runnerly_training.records import Json
from runnerly_training.snapshots.models import RunSplits

Versioned = tuple[int, list[Json], Json | None]  # version, splits, heart-rate stream


@dataclass
class SplitsCache:
    """The splits kept for one runner, and those fetched during this refresh."""

    user_id: int
    kept: dict[int, Versioned]
    fetched: dict[int, Versioned] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session, user_id: int) -> SplitsCache:
        query = select(RunSplits.run_id, RunSplits.version, RunSplits.splits, RunSplits.heart_rate).where(
            RunSplits.user_id == user_id
        )
        rows = session.execute(query)
        return cls(user_id, {row.run_id: (row.version, row.splits, row.heart_rate) for row in rows})

    def fetch_missing(self, source: DataSource, runs: Iterable[Json]) -> None:
        stale = [
            run["id"] for run in runs if _worth_splits(run) and self._version(run["id"]) != run["version"]
        ]
        if stale:
            for run_id, detail in source.run_details(self.user_id, stale).items():
                splits = _kept_fields(detail.get("splits") or [])
                self.fetched[run_id] = (detail["version"], splits, _heart_rate(detail.get("streams")))

    def splits_of(self, run_id: int) -> list[Json]:
        return (self.fetched.get(run_id) or self.kept.get(run_id) or (0, [], None))[1]

    def heart_rate_of(self, run_id: int) -> Json | None:
        return (self.fetched.get(run_id) or self.kept.get(run_id) or (0, [], None))[2]

    def save(self, session: Session, listed_ids: Sequence[int]) -> None:
        """Keep what was fetched; forget runs no longer listed (deleted, or aged out)."""
        for run_id, (version, splits, heart_rate) in self.fetched.items():
            values = {
                "run_id": run_id,
                "user_id": self.user_id,
                "version": version,
                "splits": splits,
                "heart_rate": heart_rate,
            }
            insert = insert_for(session)(RunSplits).values(**values)
            session.execute(insert.on_conflict_do_update(index_elements=["run_id"], set_=values))
        gone = set(self.kept) - set(listed_ids)
        if gone:
            session.execute(
                delete(RunSplits).where(RunSplits.user_id == self.user_id, RunSplits.run_id.in_(gone))
            )

    def _version(self, run_id: int) -> int | None:
        return (self.kept.get(run_id) or (None, [], None))[0]


def _worth_splits(run: Json) -> bool:
    """Shorter runs hold no best effort the model counts."""
    return run["distance_m"] >= MIN_BEST_EFFORT_M


KEPT_FIELDS = ("distance_m", "moving_time_s", "average_heartrate")


def _kept_fields(splits: list[Json]) -> list[Json]:
    """What the model reads of a split: its kilometre time and its heart rate (for load)."""
    return [{name: split[name] for name in KEPT_FIELDS if split.get(name) is not None} for split in splits]


def _heart_rate(streams: Json | None) -> Json | None:
    """The times and heart rates of a run's streams, when it has heart rates."""
    if not streams or not streams.get("heartrate"):
        return None
    return {"time_s": streams["time_s"], "heartrate": streams["heartrate"]}
