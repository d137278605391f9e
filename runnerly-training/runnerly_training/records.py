"""Runs of the data service as the fitness model's records: local start times, kilometre
splits checked for GPS glitches, and the best efforts inside each run."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from runnerly_core.sports import RUNNING_SPORTS
from runnerly_training.model import BestEffort, HeartRateSample, HeartRateSegment, RunRecord

Json = dict[str, Any]
# A split within 5 % of a kilometre counts as one (GPS splits are 998.7 m, 1001.2 m ...).
KILOMETRE_TOLERANCE = 0.05
# Best efforts read from whole-kilometre splits; the model ignores those under 1500 m.
BEST_EFFORT_KM = (3, 5, 10, 15, 20)
# A stretch must be this much shorter than its run to be more than the run itself (which
# counts already, a race by its elapsed time, not by the moving time of its splits).
INNER_EFFORT_MARGIN_M = 500.0


def run_record(run: Json, splits: Sequence[Json] = (), streams: Json | None = None) -> RunRecord:
    """A run of the data service as the model's :class:`RunRecord`.

    The start carries the runner's local zone, so that the model's days are the runner's
    calendar days (the data service filters and links plans by local day too). Splits give
    the kilometre times the model checks for GPS glitches, and best efforts over whole
    kilometres inside the run.
    """
    kilometres = kilometre_times(splits)
    return RunRecord(
        id=str(run["id"]),
        start_time=datetime.fromisoformat(run["start_time_local"]).replace(tzinfo=zone(run["timezone"])),
        distance_m=float(run["distance_m"]),
        moving_time_s=float(run["moving_time_s"]),
        elapsed_time_s=float(run["elapsed_time_s"]),
        is_race=bool(run["is_race"]),
        best_efforts=best_efforts(kilometres, float(run["distance_m"])),
        split_times_s=tuple(time for time in kilometres if time is not None),
        average_heart_rate=run.get("average_heartrate"),
        heart_rate_segments=heart_rate_segments(splits),
        heart_rate_stream=heart_rate_stream(streams),
    )


def heart_rate_stream(streams: Json | None) -> tuple[HeartRateSample, ...]:
    """The samples of a run's heart-rate stream (the data service's comma-separated
    ``time_s`` and ``heartrate``); a time without a heart rate is left out."""
    if not streams or not streams.get("heartrate"):
        return ()
    pairs = zip(streams["time_s"].split(","), streams["heartrate"].split(","), strict=False)
    return tuple(HeartRateSample(float(time), float(bpm)) for time, bpm in pairs if bpm)


def heart_rate_segments(splits: Iterable[Json]) -> tuple[HeartRateSegment, ...]:
    """Each split's moving time at its average heart rate, when every split has one (the data
    service keeps no heart-rate stream: per-split averages are the finest heart rate it has)."""
    segments = [(split["moving_time_s"], split.get("average_heartrate")) for split in splits]
    if not segments or any(not bpm for _, bpm in segments):
        return ()
    return tuple(HeartRateSegment(float(seconds), float(bpm)) for seconds, bpm in segments)


def is_running(run: Json) -> bool:
    return run["sport_type"] in RUNNING_SPORTS


def zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def kilometre_times(splits: Iterable[Json]) -> list[float | None]:
    """Each split's time per kilometre when it is (about) a kilometre, else ``None``."""
    times: list[float | None] = []
    for split in splits:
        distance, seconds = split["distance_m"], split["moving_time_s"]
        whole = abs(distance - 1000) <= 1000 * KILOMETRE_TOLERANCE and seconds > 0
        times.append(seconds * 1000 / distance if whole else None)
    return times


def best_efforts(kilometres: Sequence[float | None], run_distance_m: float) -> tuple[BestEffort, ...]:
    """The fastest ``k`` consecutive whole kilometres, for each ``k`` that fits inside the run."""
    efforts = []
    for km in (km for km in BEST_EFFORT_KM if km * 1000 <= run_distance_m - INNER_EFFORT_MARGIN_M):
        windows = (kilometres[start : start + km] for start in range(len(kilometres) - km + 1))
        sums = [sum(window) for window in windows if None not in window]
        if sums:
            efforts.append(BestEffort(km * 1000.0, min(sums)))
    return tuple(efforts)
