"""Numbers derived from an activity's plan, shared by summaries and streams."""

from __future__ import annotations

from .model import Activity, Athlete

#: Cardiac drift: heart rate creeps up over a long steady effort.
HEART_DRIFT_PER_MINUTE = 0.08
#: Streams wobble around each segment's pace by up to this fraction.
SPEED_WOBBLE = 0.045
_METS = {"Ride": 8.0, "Walk": 3.5, "Swim": 7.0, "WeightTraining": 5.0}
# Upper bounds of pace zones 1-5 as fractions of threshold speed; faster is 6.
_PACE_ZONE_BOUNDS = (0.78, 0.88, 0.94, 1.01, 1.06)


def _time_weighted(pairs: list[tuple[float, float]]) -> float:
    total = sum(duration for _, duration in pairs)
    return sum(value * duration for value, duration in pairs) / total if total else 0.0


def heart_drift(activity: Activity) -> float:
    return HEART_DRIFT_PER_MINUTE * activity.moving_time / 60


def average_heartrate(activity: Activity, athlete: Athlete) -> float:
    planned = _time_weighted([(s.heartrate, s.duration) for s in activity.segments])
    average = planned + heart_drift(activity) / 2
    return round(min(average, athlete.max_heartrate - 4.0), 1)


def max_heartrate(activity: Activity, athlete: Athlete) -> float:
    peak = max(s.heartrate for s in activity.segments) + heart_drift(activity)
    bump = 2 + activity.detail_seed % 5
    floor = average_heartrate(activity, athlete) + 2
    return float(round(max(floor, min(peak + bump, athlete.max_heartrate))))


def average_cadence(activity: Activity) -> float | None:
    pairs = [(s.cadence, s.duration) for s in activity.segments if s.cadence is not None]
    return round(_time_weighted(pairs), 1) if pairs else None


def average_speed(activity: Activity) -> float:
    moving = activity.moving_time
    return round(activity.distance / moving, 3) if moving else 0.0


def max_speed(activity: Activity) -> float:
    return round(max(s.speed for s in activity.segments) * (1 + SPEED_WOBBLE), 3)


def calories(activity: Activity, athlete: Athlete) -> float:
    if activity.sport_type == "Run":
        # Running costs about 1 kcal per kilogram per kilometre, whatever the pace.
        return round(athlete.weight * activity.distance / 1000, 1)
    hours = activity.moving_time / 3600
    return round(_METS.get(activity.sport_type, 4.0) * athlete.weight * hours, 1)


def pace_zone(speed: float, threshold_speed: float) -> int:
    ratio = speed / threshold_speed
    for zone, bound in enumerate(_PACE_ZONE_BOUNDS, start=1):
        if ratio < bound:
            return zone
    return len(_PACE_ZONE_BOUNDS) + 1
