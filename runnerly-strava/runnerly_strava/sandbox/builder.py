"""Build one activity: its plan, route, name, gear and the social counters."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from . import geo, workouts
from .model import Activity, Athlete, City, Segment

_DEFAULT_NOUNS = {"WeightTraining": "Weight Training"}
_WORKOUT_TYPES = {"race": 1, "long": 2, "tempo": 3, "intervals": 3}
_DESCRIPTIONS = {
    "easy": ("Easy miles, legs felt fresh.", "Windy along the river.", "Chatty pace."),
    "long": ("Fuelled every 40 minutes.", "Last 5k felt strong."),
    "tempo": ("Held threshold without fading.", "Tough but controlled."),
    "intervals": ("Even reps, short recoveries.", "Track was busy tonight."),
    "race": ("New personal best!", "Went out too fast, hung on.", "Great crowd."),
}


@dataclass(frozen=True)
class Role:
    """What an activity is: sport, kind of run and whether only the athlete sees it."""

    sport_type: str
    kind: str  # easy, recovery, long, tempo, intervals, race, or "other"
    private: bool = False


def utc_epoch(local: datetime, city: City) -> int:
    return int(local.replace(tzinfo=ZoneInfo(city.tz_name)).timestamp())


def default_name(sport_type: str, local_hour: int) -> str:
    """Strava's automatic title: the part of the day followed by the sport."""
    period = "Night"
    for start, label in ((5, "Morning"), (11, "Lunch"), (14, "Afternoon"), (17, "Evening")):
        if local_hour >= start:
            period = label
    if local_hour >= 21:
        period = "Night"
    return f"{period} {_DEFAULT_NOUNS.get(sport_type, sport_type)}"


def _segments(rng: random.Random, athlete: Athlete, role: Role, speed: float) -> tuple[Segment, ...]:
    if role.kind == "race":
        return workouts.race(rng, athlete, speed, workouts.race_distance(rng))
    if role.sport_type == "Run":
        return workouts.RUN_PLANS[role.kind](rng, athlete, speed)
    return workouts.OTHER_PLANS[role.sport_type](rng, athlete, speed)


def _custom_name(rng: random.Random, role: Role, segments: tuple[Segment, ...], city: City) -> str | None:
    if role.kind == "race":
        label = workouts.RACE_LABELS[
            min(workouts.RACE_LABELS, key=lambda d: abs(d - sum(s.distance for s in segments)))
        ]
        return f"{city.name} {label}"
    if role.kind == "intervals" and rng.random() < 0.6:
        reps = (len(segments) - 1) // 2
        return f"{reps} x {round(segments[1].distance)}m"
    if role.kind == "tempo" and rng.random() < 0.6:
        return f"Tempo {segments[1].distance / 1000:.0f} km"
    if role.kind == "long" and rng.random() < 0.5:
        return "Long Run"
    return None


def _is_outdoors(rng: random.Random, role: Role) -> bool:
    if role.sport_type in ("Swim", "WeightTraining"):
        return False
    # A few easy runs happen on a treadmill.
    return not (role.kind in ("easy", "recovery") and rng.random() < 0.05)


def _pause(rng: random.Random, role: Role, outdoors: bool) -> int:
    if role.kind == "race" or not outdoors:
        return 0
    chance, longest = (0.5, 600) if role.sport_type == "Ride" else (0.4, 90)
    return rng.randint(10, longest) if rng.random() < chance else 0


def _gear(athlete: Athlete, role: Role) -> str | None:
    kind = "bike" if role.sport_type == "Ride" else "shoe"
    owned = [gear for gear in athlete.gear if gear.kind == kind]
    if not owned or role.sport_type in ("Swim", "WeightTraining"):
        return None
    fast_day = role.kind in ("race", "intervals")
    return owned[-1].id if fast_day else owned[0].id


def _external_id(rng: random.Random, athlete: Athlete) -> str:
    if athlete.device_name.startswith("Garmin"):
        return f"garmin_ping_{rng.getrandbits(38)}"
    return f"{uuid.UUID(int=rng.getrandbits(128))}.fit"


def _social(rng: random.Random, role: Role) -> dict[str, int]:
    public = not role.private
    is_race = role.kind == "race"
    return {
        "kudos_count": rng.randint(3, 40 if is_race else 15) if public else 0,
        "comment_count": rng.randint(0, 4 if is_race else 1) if public else 0,
        "achievement_count": rng.randint(1, 6) if is_race else rng.randint(0, 2),
        "pr_count": rng.randint(0, 2) if is_race else 0,
        "athlete_count": rng.randint(1, 4) if role.kind in ("long", "race") else 1,
    }


def _route(rng: random.Random, athlete: Athlete, city: City, home: tuple[float, float]) -> geo.Route:
    start = home if city == athlete.city else geo.home_point(rng, city, 1500)
    if rng.random() < 0.25:
        start = geo.home_point(rng, city, 4000)
    return geo.make_route(rng, start, city.altitude, city.hilliness)


def build_activity(
    rng: random.Random,
    athlete: Athlete,
    role: Role,
    local_start: datetime,
    city: City,
    fitness: float,
    home: tuple[float, float],
) -> Activity:
    """A complete activity without an id; the store numbers it."""
    segments = _segments(rng, athlete, role, athlete.threshold_speed * fitness)
    outdoors = _is_outdoors(rng, role)
    kind = role.kind if role.sport_type == "Run" else "other"
    description = rng.choice(_DESCRIPTIONS[kind]) if kind in _DESCRIPTIONS and rng.random() < 0.25 else None
    name = _custom_name(rng, role, segments, city) or default_name(role.sport_type, local_start.hour)
    return Activity(
        id=0,
        athlete_id=athlete.id,
        sport_type=role.sport_type,
        kind=kind,
        name=name,
        start=utc_epoch(local_start, city),
        city=city,
        segments=segments,
        route=_route(rng, athlete, city, home) if outdoors else None,
        detail_seed=rng.getrandbits(32),
        pause_seconds=_pause(rng, role, outdoors),
        private=role.private,
        trainer=not outdoors and role.sport_type == "Run",
        commute=role.sport_type in ("Ride", "Walk") and rng.random() < 0.3,
        workout_type=_WORKOUT_TYPES.get(kind, 0)
        if role.sport_type == "Run"
        else (10 if role.sport_type == "Ride" else None),
        gear_id=_gear(athlete, role),
        device_name=athlete.device_name,
        description=description,
        has_heartrate=athlete.records_heartrate,
        external_id=_external_id(rng, athlete),
        social=_social(rng, role),
    )
