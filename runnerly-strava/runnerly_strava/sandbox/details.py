"""Laps, splits and best efforts, cut from an activity's streams."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from . import geo, metrics
from .model import Activity, Athlete
from .streams import Streams, plan_of
from .timefmt import iso_local, iso_utc

KILOMETRE = 1000.0
MILE = 1609.34
BEST_EFFORTS = (
    (400, "400m"), (805, "1/2 mile"), (1000, "1K"), (1609, "1 mile"), (3219, "2 mile"),
    (5000, "5K"), (10000, "10K"), (15000, "15K"), (16090, "10 mile"), (20000, "20K"),
    (21097, "Half-Marathon"), (30000, "30K"), (42195, "Marathon"),
)  # fmt: skip
_FOOT_SPORTS = ("Run", "Walk")
_STRUCTURED = ("tempo", "intervals")


@dataclass(frozen=True)
class Piece:
    """A stretch of an activity between two distances, as sample indices and times."""

    start_index: int
    end_index: int
    distance: float
    elapsed_start: int
    elapsed_time: int
    moving_time: int


def _time_at(streams: Streams, times: list[int], x: float) -> float:
    distances = streams.distance
    j = bisect.bisect_left(distances, x)
    if j <= 0:
        return float(times[0])
    if j >= len(distances):
        return float(times[-1])
    d0, d1 = distances[j - 1], distances[j]
    f = (x - d0) / (d1 - d0) if d1 > d0 else 1.0
    return times[j - 1] + f * (times[j] - times[j - 1])


def _piece(streams: Streams, start: float, end: float) -> Piece:
    last = len(streams.distance) - 1
    first = min(bisect.bisect_left(streams.distance, start), last)
    elapsed = [round(_time_at(streams, streams.time, x)) for x in (start, end)]
    moving = [round(_time_at(streams, streams.moving_time, x)) for x in (start, end)]
    return Piece(
        start_index=first,
        end_index=max(first, min(bisect.bisect_left(streams.distance, end), last)),
        # Rounded ends, so that pieces add up exactly to the whole.
        distance=round(round(end, 1) - round(start, 1), 1),
        elapsed_start=elapsed[0],
        elapsed_time=elapsed[1] - elapsed[0],
        moving_time=moving[1] - moving[0],
    )


def _whole(streams: Streams) -> Piece:
    return Piece(0, len(streams.time) - 1, streams.distance[-1], 0, streams.time[-1], streams.moving_time[-1])


def _cuts(total: float, unit: float) -> list[tuple[float, float]]:
    marks = [unit * k for k in range(1, int(total // unit) + 1) if unit * k < total - 0.5]
    bounds = [0.0, *marks, total]
    return list(pairwise(bounds))


def _mean(values: list[int] | None, piece: Piece) -> float | None:
    if not values:
        return None
    window = values[piece.start_index : piece.end_index + 1]
    return round(sum(window) / len(window), 1)


def _speed(piece: Piece) -> float:
    return round(piece.distance / piece.moving_time, 3) if piece.moving_time else 0.0


def _split(
    activity: Activity, athlete: Athlete, streams: Streams, piece: Piece, index: int
) -> dict[str, Any]:
    altitude = streams.altitude
    climb = round(altitude[piece.end_index] - altitude[piece.start_index], 1) if altitude else 0.0
    speed = _speed(piece)
    grade = climb / piece.distance if piece.distance else 0.0
    split = {
        "distance": piece.distance,
        "elapsed_time": piece.elapsed_time,
        "elevation_difference": climb,
        "moving_time": piece.moving_time,
        "split": index,
        "average_speed": speed,
        # Running uphill is worth roughly 3.3 % of pace per 1 % of grade.
        "average_grade_adjusted_speed": round(speed * (1 + 3.3 * grade), 3),
        "pace_zone": metrics.pace_zone(speed, athlete.threshold_speed),
    }
    if streams.heartrate:
        split["average_heartrate"] = _mean(streams.heartrate, piece)
    return split


def splits(activity: Activity, athlete: Athlete, streams: Streams, unit: float) -> list[dict[str, Any]]:
    if activity.sport_type not in _FOOT_SPORTS or not activity.distance:
        return []
    cuts = _cuts(activity.distance, unit)
    return [
        _split(activity, athlete, streams, _piece(streams, a, b), i) for i, (a, b) in enumerate(cuts, start=1)
    ]


def _lap_cuts(activity: Activity, athlete: Athlete) -> list[tuple[float, float]] | None:
    if activity.sport_type not in _FOOT_SPORTS or not activity.distance:
        return None
    if activity.kind in _STRUCTURED:
        bounds = plan_of(activity).distances
        return list(pairwise(bounds))
    unit = MILE if athlete.measurement_preference == "feet" else KILOMETRE
    return _cuts(activity.distance, unit)


def _lap(activity: Activity, athlete: Athlete, streams: Streams, piece: Piece, index: int) -> dict[str, Any]:
    window = slice(piece.start_index, piece.end_index + 1)
    heart = streams.heartrate[window] if streams.heartrate else None
    altitude = streams.altitude[window] if streams.altitude else []
    speed = _speed(piece)
    lap: dict[str, Any] = {
        "id": activity.id * 100 + index,
        "resource_state": 2,
        "name": f"Lap {index}",
        "activity": {"id": activity.id, "visibility": activity.visibility, "resource_state": 1},
        "athlete": {"id": activity.athlete_id, "resource_state": 1},
        "elapsed_time": piece.elapsed_time,
        "moving_time": piece.moving_time,
        "start_date": iso_utc(activity.start + piece.elapsed_start),
        "start_date_local": iso_local(activity.start + piece.elapsed_start, activity.city),
        "distance": piece.distance,
        "start_index": piece.start_index,
        "end_index": piece.end_index,
        "total_elevation_gain": round(geo.elevation_gain(altitude), 1),
        "average_speed": speed,
        "max_speed": min(max(streams.velocity[window]), metrics.max_speed(activity)),
        "device_watts": False,
        "lap_index": index,
        "split": index,
        "pace_zone": metrics.pace_zone(speed, athlete.threshold_speed),
    }
    if streams.cadence:
        lap["average_cadence"] = _mean(streams.cadence, piece)
    if heart:
        lap["average_heartrate"] = _mean(streams.heartrate, piece)
        lap["max_heartrate"] = float(max(heart))
    return lap


def laps(activity: Activity, athlete: Athlete, streams: Streams) -> list[dict[str, Any]]:
    cuts = _lap_cuts(activity, athlete)
    pieces = [_piece(streams, a, b) for a, b in cuts] if cuts else [_whole(streams)]
    return [_lap(activity, athlete, streams, p, i) for i, p in enumerate(pieces, start=1)]


def _fastest(streams: Streams, length: float) -> tuple[float, int, int]:
    """Shortest elapsed time over any `length` metres: (seconds, start, end index)."""
    distances, times = streams.distance, streams.time
    best, best_range, j = float("inf"), (0, 0), 0
    for i, start in enumerate(distances):
        goal = start + length
        while j < len(distances) and distances[j] < goal:
            j += 1
        if j == len(distances):
            break
        d0, d1 = distances[j - 1], distances[j]
        f = (goal - d0) / (d1 - d0) if d1 > d0 else 1.0
        seconds = times[j - 1] + f * (times[j] - times[j - 1]) - times[i]
        if seconds < best:
            best, best_range = seconds, (i, j)
    return best, best_range[0], best_range[1]


def best_efforts(activity: Activity, streams: Streams) -> list[dict[str, Any]]:
    if activity.sport_type != "Run":
        return []
    efforts = []
    for index, (length, name) in enumerate(BEST_EFFORTS, start=1):
        if length > activity.distance:
            break
        seconds, first, last = _fastest(streams, length)
        started = activity.start + streams.time[first]
        efforts.append({
            "id": activity.id * 100 + 50 + index,
            "resource_state": 2,
            "name": name,
            "activity": {"id": activity.id, "visibility": activity.visibility, "resource_state": 1},
            "athlete": {"id": activity.athlete_id, "resource_state": 1},
            "elapsed_time": round(seconds),
            "moving_time": min(round(seconds), streams.moving_time[last] - streams.moving_time[first]),
            "start_date": iso_utc(started),
            "start_date_local": iso_local(started, activity.city),
            "distance": length,
            "start_index": first,
            "end_index": last,
            "pr_rank": None,
            "achievements": [],
        })  # fmt: skip
    return efforts
