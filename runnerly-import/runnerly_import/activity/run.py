"""A parsed track as the data service's ``SourcedRun``, with the fields the Strava sync
gives the same activity (runnerly_core.runs bounds both alike).

The heart-rate and cadence streams go in the run's ``streams`` (for zones and TRIMP).
The data service has no field for best efforts, and its ``raw`` holds only flat values:
they travel there as ``best_efforts_s`` (seconds by record distance).
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

import numpy as np

from runnerly_core import runs
from runnerly_core.sports import RUNNING_SPORTS
from runnerly_import.activity import places, sections, sports, streams, totals
from runnerly_import.activity.efforts import best_efforts
from runnerly_import.activity.samples import Samples, samples_of
from runnerly_import.parsing.track import Refused, Track

SOURCE = "upload"
MAX_DISTANCE_M = 1_000_000  # the data service's bound


@dataclass(frozen=True)
class Limits:
    max_average_speed_mps: float
    max_elapsed_seconds: int


def sourced_run(track: Track, content_hash: str, limits: Limits) -> dict:
    """The run, or :class:`Refused` when the track cannot be a run."""
    sport = sports.sport_type(track)
    if sport not in RUNNING_SPORTS:
        raise Refused(f"This activity is a {sport}, not a run: Runnerly keeps runs only.")
    samples = samples_of(track)
    moving = totals.moving_mask(samples)
    run = _totals(samples, moving)
    _check_plausible(run, limits)
    zone = places.time_zone(samples)
    run.update(
        source=SOURCE,
        source_id=content_hash,
        name=runs.text(track.name, 255) or _default_name(samples, zone),
        sport_type=sport,
        start_time=_iso(samples),
        timezone=zone,
        polyline=places.encoded_polyline(samples),
        splits=sections.splits(samples, moving) or None,
        laps=sections.laps(samples, moving, track.lap_starts) or None,
        streams=streams.streams(samples),
        raw={
            "format": track.format,
            "best_efforts_s": {e["name"]: e["elapsed_time"] for e in best_efforts(samples)},
        },
    )
    return runs.without_none(run)


def _totals(samples: Samples, moving: np.ndarray) -> dict:
    distance = float(samples.distance[-1])
    moving_time = round(totals.moving_time(samples, moving))
    return {
        "distance_m": round(distance, 1),
        "moving_time_s": moving_time,
        "elapsed_time_s": max(round(float(samples.t[-1])), moving_time),
        "elevation_gain_m": runs.bounded(_rounded(totals.elevation_gain(samples.altitude)), 0, 100_000),
        "average_speed_mps": round(distance / moving_time, 3) if moving_time else None,
        "max_speed_mps": runs.bounded(_rounded(totals.max_speed(samples), 3), 0, 100),
        "average_cadence": runs.bounded(totals.mean_of(samples.cadence, positive_only=True), 0, 300),
        **runs.heart_rates(totals.mean_of(samples.heartrate), totals.max_of(samples.heartrate)),
    }


def _check_plausible(run: dict, limits: Limits) -> None:
    elapsed = run["elapsed_time_s"]
    if elapsed > limits.max_elapsed_seconds:
        raise Refused(
            f"The activity lasts {elapsed / 86400:.0f} days; a run lasts at most "
            f"{limits.max_elapsed_seconds / 86400:.0f} days."
        )
    speed = run.get("average_speed_mps") or 0.0
    if speed > limits.max_average_speed_mps:
        raise Refused(
            f"The average speed is {speed * 3.6:.0f} km/h; nobody runs faster than "
            f"{limits.max_average_speed_mps * 3.6:.0f} km/h."
        )
    if run["distance_m"] > MAX_DISTANCE_M:
        raise Refused(
            f"The activity covers {run['distance_m'] / 1000:.0f} km; a run covers at most 1,000 km."
        )


def _iso(samples: Samples) -> str:
    start = samples.start
    if not 1970 <= start.year <= 2099:
        raise Refused(f"The activity starts in {start.year}: that cannot be right.")
    return start.isoformat().replace("+00:00", "Z")


def _default_name(samples: Samples, zone: str) -> str:
    """Strava's way: the part of the day where the run started, then "Run"."""
    hour = samples.start.astimezone(ZoneInfo(zone)).hour
    part = "Night" if hour < 4 else "Morning" if hour < 11 else "Lunch" if hour < 14 else "Afternoon"
    part = "Evening" if 17 <= hour < 21 else "Night" if hour >= 21 else part
    return f"{part} Run"


def _rounded(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)
