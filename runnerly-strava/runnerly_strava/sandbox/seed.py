"""Deterministic seeded history: same seed and end date, same activities.

Counts are exact: of an athlete's N activities, round(N * non_run_ratio) are
not runs and round(N * private_ratio) are private runs; everything else
(dates, kinds, paces, routes) is drawn from random generators seeded by name.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from . import geo
from .builder import Role, build_activity
from .model import Activity, Athlete
from .places import CITIES, DEMO_ATHLETES

FIRST_ACTIVITY_ID = 9_000_000_000
_OTHER_SPORTS = ("Ride", "Walk", "WeightTraining", "Swim")
_OTHER_WEIGHTS = (35, 25, 25, 15)
_RUNS_PER_RACE = 45


@dataclass(frozen=True)
class SeedSpec:
    seed: int
    activity_counts: Mapping[int, int]
    non_run_ratio: float
    private_ratio: float
    end_day: date


def seeded_rng(*parts: object) -> random.Random:
    """A generator for one named purpose, so adding data elsewhere changes nothing here."""
    return random.Random(":".join(str(part) for part in parts))  # noqa: S311 - demo data, not secrets


def home_of(seed: int, athlete: Athlete) -> tuple[float, float]:
    return geo.home_point(seeded_rng(seed, "home", athlete.id), athlete.city, 3000)


def generate(spec: SeedSpec) -> list[Activity]:
    """Every seeded activity of every demo athlete, numbered in start order."""
    activities: list[Activity] = []
    for athlete in DEMO_ATHLETES:
        count = spec.activity_counts.get(athlete.id, 0)
        activities.extend(_history(spec, athlete, count))
    activities.sort(key=lambda activity: (activity.start, activity.athlete_id))
    _number(activities, seeded_rng(spec.seed, "ids"))
    return activities


def _number(activities: list[Activity], rng: random.Random) -> None:
    next_id = FIRST_ACTIVITY_ID
    for activity in activities:
        next_id += rng.randint(1_000, 400_000)
        activity.id = next_id
        activity.upload_id = next_id + 800_000_000


def _history(spec: SeedSpec, athlete: Athlete, count: int) -> list[Activity]:
    rng = seeded_rng(spec.seed, "history", athlete.id)
    days = _schedule(rng, athlete, count, spec.end_day)
    roles = _roles(rng, days, spec)
    home = home_of(spec.seed, athlete)
    span = max(1, (spec.end_day - days[0][0]).days) if days else 1
    activities = []
    for (day, order), role in zip(days, roles, strict=True):
        item_rng = seeded_rng(spec.seed, "activity", athlete.id, day.isoformat(), order)
        fitness = _fitness((spec.end_day - day).days / span, day)
        city = _city(item_rng, athlete, role)
        local = datetime.combine(day, _start_time(item_rng, day, role, order))
        activities.append(build_activity(item_rng, athlete, role, local, city, fitness, home))
    return activities


def _schedule(rng: random.Random, athlete: Athlete, count: int, end_day: date) -> list[tuple[date, int]]:
    """(day, order within the day) for `count` activities, oldest first."""
    per_day = athlete.activities_per_week / 7
    single, double = min(0.9, per_day), max(0.0, per_day - 0.9)
    slots: list[tuple[date, int]] = []
    day = end_day
    while len(slots) < count:
        day -= timedelta(days=1)
        todays = int(rng.random() < single) + int(rng.random() < double)
        slots.extend((day, order) for order in reversed(range(todays)))
    return list(reversed(slots[:count]))


def _roles(rng: random.Random, days: list[tuple[date, int]], spec: SeedSpec) -> list[Role]:
    count = len(days)
    others = set(rng.sample(range(count), round(count * spec.non_run_ratio)))
    runs = [i for i in range(count) if i not in others]
    weekend = [i for i in runs if days[i][0].weekday() >= 5 and days[i][1] == 0]
    races = set(rng.sample(weekend, min(len(weekend), math.ceil(len(runs) / _RUNS_PER_RACE))))
    ordinary = [i for i in runs if i not in races]
    private = set(rng.sample(ordinary, round(count * spec.private_ratio)))
    roles = []
    for index, (day, _) in enumerate(days):
        if index in others:
            roles.append(Role(rng.choices(_OTHER_SPORTS, weights=_OTHER_WEIGHTS)[0], "other"))
        elif index in races:
            roles.append(Role("Run", "race"))
        else:
            roles.append(Role("Run", _run_kind(rng, day.weekday()), index in private))
    return roles


def _run_kind(rng: random.Random, weekday: int) -> str:
    roll = rng.random()
    if weekday == 1 and roll < 0.7:
        return "intervals"
    if weekday == 3 and roll < 0.6:
        return "tempo"
    if weekday == 6 and roll < 0.75:
        return "long"
    if weekday in (0, 4) and roll < 0.4:
        return "recovery"
    return "easy"


def _fitness(age: float, day: date) -> float:
    """1.0 now, about 8 % slower at the start of the history, with a seasonal swing."""
    season = 0.015 * math.sin(2 * math.pi * day.timetuple().tm_yday / 365)
    return 1.0 - 0.08 * age + season


def _city(rng: random.Random, athlete: Athlete, role: Role):
    if role.kind == "race" and rng.random() < 0.25:
        return rng.choice([city for city in CITIES.values() if city != athlete.city])
    return athlete.city


def _start_time(rng: random.Random, day: date, role: Role, order: int) -> time:
    if role.kind == "race":
        return time(rng.choice((8, 9)), rng.choice((0, 30)), rng.randint(0, 59))
    if order == 1:
        return _clock_time(rng, 17.5, 20.0)
    if day.weekday() >= 5:
        return _clock_time(rng, 7.5, 10.0)
    window = rng.choices(((6.0, 7.5), (12.0, 13.0), (17.5, 19.5)), weights=(6, 1, 3))[0]
    return _clock_time(rng, *window)


def _clock_time(rng: random.Random, earliest: float, latest: float) -> time:
    seconds = int(rng.uniform(earliest, latest) * 3600)
    return time(seconds // 3600, seconds % 3600 // 60, seconds % 60)
