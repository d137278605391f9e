"""Recorded data of an activity, synthesised on demand from its plan.

Streams agree with the summary: the last distance sample is the activity's
distance, the last time sample its elapsed time, heart rate and cadence
average to the summary's values and the heart-rate peak is its max.
"""

from __future__ import annotations

import bisect
import math
import random
from dataclasses import dataclass

from . import geo, metrics
from .model import Activity, Athlete

MAX_SAMPLES = 3600


@dataclass(frozen=True)
class Streams:
    time: list[int]
    moving_time: list[int]
    distance: list[float]
    velocity: list[float]
    latlng: list[list[float]] | None
    altitude: list[float] | None
    heartrate: list[int] | None
    cadence: list[int] | None


@dataclass(frozen=True)
class Plan:
    """Segment boundaries in moving time and distance, scaled to the summary."""

    times: list[float]
    distances: list[float]


def plan_of(activity: Activity) -> Plan:
    total_time = sum(s.duration for s in activity.segments)
    total_distance = sum(s.distance for s in activity.segments)
    times, distances = [0.0], [0.0]
    for segment in activity.segments:
        times.append(times[-1] + segment.duration * activity.moving_time / total_time)
        share = segment.distance / total_distance if total_distance else 0.0
        distances.append(distances[-1] + share * activity.distance)
    return Plan(times, distances)


def _sample_times(moving_time: int) -> list[int]:
    step = max(1, math.ceil(moving_time / MAX_SAMPLES))
    times = list(range(0, moving_time, step))
    return [*times, moving_time]


def _distance_at(plan: Plan, t: float, signs: tuple[float, float]) -> float:
    """Distance covered after moving `t` seconds: the plan plus a wobble that
    vanishes at every segment boundary, so pace varies but lap totals do not."""
    j = min(bisect.bisect_right(plan.times, t) - 1, len(plan.times) - 2)
    span = plan.times[j + 1] - plan.times[j]
    covered = plan.distances[j + 1] - plan.distances[j]
    tau = (t - plan.times[j]) / span if span else 0.0
    k = max(1, round(span / 300))
    amplitude = covered / math.pi
    wobble = signs[0] * 0.03 / k * math.sin(math.pi * k * tau)
    wobble += signs[1] * 0.015 / (3 * k + 1) * math.sin(math.pi * (3 * k + 1) * tau)
    return plan.distances[j] + covered * tau + amplitude * wobble


def _velocity(times: list[int], distances: list[float]) -> list[float]:
    speeds = []
    for i in range(len(times)):
        lo, hi = max(0, i - 1), min(len(times) - 1, i + 1)
        elapsed = times[hi] - times[lo]
        speeds.append(round((distances[hi] - distances[lo]) / elapsed, 3) if elapsed else 0.0)
    return speeds


def _elapsed(rng: random.Random, activity: Activity, moving: list[int]) -> list[int]:
    """Auto-pause records nothing while stopped: time jumps by the pause."""
    pause_at = activity.moving_time * rng.uniform(0.2, 0.8)
    return [t + (activity.pause_seconds if t > pause_at else 0) for t in moving]


def _positions(activity: Activity, distances: list[float]) -> tuple[list[list[float]], list[float]]:
    assert activity.route is not None  # noqa: S101 - callers check for a route
    points = geo.trace(activity.route, activity.distance, geo.DETAIL_SAMPLES)
    marks = [p.distance for p in points]
    latlng, altitude = [], []
    for d in distances:
        j = min(max(bisect.bisect_right(marks, d) - 1, 0), len(points) - 2)
        a, b = points[j], points[j + 1]
        f = (d - a.distance) / (b.distance - a.distance) if b.distance > a.distance else 0.0
        latlng.append([round(a.lat + f * (b.lat - a.lat), 6), round(a.lng + f * (b.lng - a.lng), 6)])
        altitude.append(round(a.altitude + f * (b.altitude - a.altitude), 1))
    return latlng, altitude


def _shift(raw: list[float], mean: float) -> list[float]:
    offset = mean - sum(raw) / len(raw)
    return [value + offset for value in raw]


def _peak_at(values: list[float], peak: float, width: int = 10) -> list[float]:
    """Raise (or clip) the series so that its highest point is exactly `peak`,
    with a short ramp rather than a one-sample spike."""
    top = max(range(len(values)), key=values.__getitem__)
    lift = peak - values[top]
    raised = [value + max(0.0, lift) * max(0.0, 1 - abs(i - top) / width) for i, value in enumerate(values)]
    return [min(value, peak) for value in raised]


def _heartrate(
    rng: random.Random, activity: Activity, athlete: Athlete, plan: Plan, moving: list[int]
) -> list[int]:
    level, noise, raw, previous = athlete.resting_heartrate + 35.0, 0.0, [], 0
    drift = metrics.HEART_DRIFT_PER_MINUTE / 60
    for t in moving:
        j = min(bisect.bisect_right(plan.times, t) - 1, len(activity.segments) - 1)
        target = activity.segments[j].heartrate + drift * t
        lag = 20.0 if target > level else 45.0  # hearts speed up faster than they settle
        level += (target - level) * (1 - math.exp(-(t - previous) / lag))
        noise = 0.8 * noise + rng.gauss(0, 0.6)
        raw.append(level + noise)
        previous = t
    mean = metrics.average_heartrate(activity, athlete)
    peak = metrics.max_heartrate(activity, athlete)
    # Shifting once more after the peak keeps the mean; the shift is tiny.
    return [min(round(v), int(peak)) for v in _shift(_peak_at(_shift(raw, mean), peak), mean)]


def _cadence(rng: random.Random, activity: Activity, plan: Plan, moving: list[int]) -> list[int] | None:
    mean = metrics.average_cadence(activity)
    if mean is None:
        return None
    raw = []
    for t in moving:
        j = min(bisect.bisect_right(plan.times, t) - 1, len(activity.segments) - 1)
        raw.append((activity.segments[j].cadence or mean) + rng.gauss(0, 0.8))
    return [round(v) for v in _shift(raw, mean)]


def build_streams(activity: Activity, athlete: Athlete) -> Streams:
    rng = random.Random(activity.detail_seed)  # noqa: S311 - demo data, not secrets
    plan = plan_of(activity)
    moving = _sample_times(activity.moving_time)
    signs = (rng.choice((-1.0, 1.0)), rng.choice((-1.0, 1.0)))
    exact = [_distance_at(plan, t, signs) for t in moving]
    exact[-1] = activity.distance
    distances = [round(d, 1) for d in exact]
    latlng, altitude = _positions(activity, distances) if activity.route else (None, None)
    return Streams(
        time=_elapsed(rng, activity, moving),
        moving_time=moving,
        distance=distances,
        velocity=_velocity(moving, exact),  # unrounded: 0.1 m steps would jitter slow speeds
        latlng=latlng,
        altitude=altitude,
        heartrate=_heartrate(rng, activity, athlete, plan, moving) if activity.has_heartrate else None,
        cadence=_cadence(rng, activity, plan, moving),
    )
