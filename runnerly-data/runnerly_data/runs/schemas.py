"""JSON representations of runs, and their ETags."""

import hashlib
import json

from runnerly_core.dates import iso_instant
from runnerly_data.runs.inputs import NUMBER_FIELDS
from runnerly_data.runs.models import Run

# The measured numbers are the ones a run is written with (inputs.NUMBER_FIELDS).
SUMMARY_FIELDS = (
    "id",
    "user_id",
    "source",
    "source_id",
    "name",
    "sport_type",
    "is_race",
    "timezone",
    *NUMBER_FIELDS,
    "version",
)
DETAIL_FIELDS = ("description", "polyline", "splits", "laps", "streams")


def run_json(run: Run) -> dict:
    body = {name: getattr(run, name) for name in SUMMARY_FIELDS}
    body["start_time"] = iso_instant(run.start_time)
    body["start_time_local"] = run.start_time_local.isoformat()
    body["pace_s_per_km"] = _pace(run)
    return body


def run_detail_json(run: Run) -> dict:
    return {**run_json(run), **{name: getattr(run, name) for name in DETAIL_FIELDS}}


# Under a metre a pace means nothing, and a vanishing distance would make it infinite (which
# JSON cannot carry): such a run has no pace.
MIN_PACED_DISTANCE_M = 1.0


def _pace(run: Run) -> float | None:
    if run.distance_m < MIN_PACED_DISTANCE_M:
        return None
    return round(run.moving_time_s / (run.distance_m / 1000), 1)


def run_etag(run: Run) -> str:
    return f'"run-{run.id}-v{run.version}"'


def body_etag(body) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"))
    return '"' + hashlib.sha256(canonical.encode()).hexdigest()[:32] + '"'


def etag_matches(header: str | None, etag: str) -> bool:
    """RFC 9110 weak comparison of ``If-None-Match`` against ``etag``."""
    if not header:
        return False
    if header.strip() == "*":
        return True
    candidates = (tag.strip().removeprefix("W/") for tag in header.split(","))
    return etag.removeprefix("W/") in candidates
