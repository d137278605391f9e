"""Everything a runner's fitness and load are computed from, fetched from the data service,
and its fingerprint."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from runnerly_training.datasource import DataSource
from runnerly_training.dates import local_today
from runnerly_training.fitness.documents import HISTORY_WEEKS
from runnerly_training.load.documents import WARM_UP_DAYS, WINDOW_DAYS
from runnerly_training.model import RunRecord
from runnerly_training.model.fitness import LOOKBACK_DAYS
from runnerly_training.records import Json, is_running, run_record
from runnerly_training.snapshots.models import COMPUTATION_VERSION
from runnerly_training.snapshots.splits import SplitsCache

# The oldest weekly VDOT point looks back a full year; load needs its year and warm-up.
FETCH_DAYS = max(LOOKBACK_DAYS + 7 * (HISTORY_WEEKS - 1), WINDOW_DAYS + WARM_UP_DAYS)
PROFILE_FIELDS = ("sex", "birth_date", "max_heartrate", "resting_heartrate", "timezone")


@dataclass(frozen=True)
class TrainingInputs:
    user: Json
    today: date
    runs: tuple[RunRecord, ...]
    listed_ids: tuple[int, ...]
    fetched_at: datetime
    fingerprint: str


def gather_inputs(source: DataSource, user_id: int, splits: SplitsCache, now: datetime) -> TrainingInputs:
    """The runner's profile and running of the last ``FETCH_DAYS`` days, as of ``now``."""
    user = source.user(user_id)
    today = local_today(user["timezone"], now)
    listed = [
        run for run in source.runs(user_id, today - timedelta(days=FETCH_DAYS), today) if is_running(run)
    ]
    splits.fetch_missing(source, listed)
    runs = tuple(
        run_record(run, splits.splits_of(run["id"]), splits.heart_rate_of(run["id"])) for run in listed
    )
    ids = tuple(run["id"] for run in listed)
    return TrainingInputs(user, today, runs, ids, now, fingerprint(user, today, listed))


def fingerprint(user: Json, today: date, runs: list[Json]) -> str:
    """Equal fingerprints, equal results: a run's version changes with anything in it."""
    document = {
        "computation": COMPUTATION_VERSION,
        "today": today.isoformat(),
        "profile": {name: user.get(name) for name in PROFILE_FIELDS},
        "runs": sorted([run["id"], run["version"]] for run in runs),
    }
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()
