"""Pace plans: how each kind of run (and the odd ride or swim) is paced and felt.

Speeds are relative to the athlete's threshold speed (about one hour's race
pace); heart rates are fractions of the athlete's maximum.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from .model import Athlete, Segment

RACE_LABELS: dict[float, str] = {
    5000.0: "5K",
    10000.0: "10K",
    21097.5: "Half Marathon",
    42195.0: "Marathon",
}
_RACE_HEART = {5000.0: 0.93, 10000.0: 0.91, 21097.5: 0.88, 42195.0: 0.84}
_RACE_WEIGHTS = (5, 4, 3, 1)
_REP_MENUS = ((8, 400, 1.16), (6, 800, 1.11), (5, 1000, 1.09), (4, 1600, 1.05))

Planner = Callable[[random.Random, Athlete, float], tuple[Segment, ...]]


def _steady(distance: float, speed: float, heartrate: float, cadence: float | None) -> Segment:
    return Segment(round(distance, 1), distance / speed, heartrate, cadence)


def _level(athlete: Athlete) -> float:
    """Stronger runners run further: distances scale with threshold speed."""
    return athlete.threshold_speed / 3.7


def _easy(rng: random.Random, athlete: Athlete, speed: float, distance: float) -> Segment:
    heart = athlete.max_heartrate * rng.uniform(0.69, 0.75)
    return _steady(distance, speed * rng.uniform(0.74, 0.80), heart, rng.uniform(80, 84))


def easy_run(rng: random.Random, athlete: Athlete, speed: float) -> tuple[Segment, ...]:
    return (_easy(rng, athlete, speed, rng.uniform(6000, 11000) * _level(athlete)),)


def recovery_run(rng: random.Random, athlete: Athlete, speed: float) -> tuple[Segment, ...]:
    heart = athlete.max_heartrate * rng.uniform(0.64, 0.68)
    distance = rng.uniform(4000, 6500)
    return (_steady(distance, speed * rng.uniform(0.68, 0.72), heart, rng.uniform(78, 81)),)


def long_run(rng: random.Random, athlete: Athlete, speed: float) -> tuple[Segment, ...]:
    distance = rng.uniform(16000, 28000) * _level(athlete)
    first = _easy(rng, athlete, speed, distance * 0.7)
    # The last third a touch quicker: a long run rarely ends slower than it began.
    finish = _steady(distance * 0.3, first.speed * 1.03, first.heartrate + 4, first.cadence)
    return first, finish


def tempo_run(rng: random.Random, athlete: Athlete, speed: float) -> tuple[Segment, ...]:
    tempo_heart = athlete.max_heartrate * rng.uniform(0.86, 0.89)
    tempo_distance = rng.uniform(5000, 9000) * _level(athlete)
    tempo = _steady(tempo_distance, speed * rng.uniform(0.97, 1.01), tempo_heart, 87.0)
    return (
        _easy(rng, athlete, speed, rng.uniform(1800, 2600)),
        tempo,
        _easy(rng, athlete, speed, rng.uniform(1400, 2200)),
    )


def interval_run(rng: random.Random, athlete: Athlete, speed: float) -> tuple[Segment, ...]:
    reps, rep_distance, rep_speed = rng.choice(_REP_MENUS)
    rep_heart = athlete.max_heartrate * rng.uniform(0.88, 0.92)
    jog_distance = rng.choice((200.0, 400.0))
    jog_heart = athlete.max_heartrate * 0.76
    segments = [_easy(rng, athlete, speed, rng.uniform(2000, 3000))]
    for rep in range(reps):
        segments.append(_steady(rep_distance, speed * rep_speed, rep_heart, 91.0))
        if rep < reps - 1:
            segments.append(_steady(jog_distance, speed * 0.55, jog_heart, 79.0))
    segments.append(_easy(rng, athlete, speed, rng.uniform(1500, 2500)))
    return tuple(segments)


def race_distance(rng: random.Random) -> float:
    return rng.choices(list(RACE_LABELS), weights=_RACE_WEIGHTS)[0]


def race(rng: random.Random, athlete: Athlete, speed: float, distance: float) -> tuple[Segment, ...]:
    """Even quarters, fading a little over longer races; Riegel's law sets the pace."""
    hour_distance = speed * 3600
    race_speed = speed * (hour_distance / distance) ** 0.06
    heart = athlete.max_heartrate * _RACE_HEART[distance]
    fade = 0.03 if distance > 20000 else 0.005
    measured = distance * rng.uniform(1.002, 1.012)  # GPS always measures a bit long
    return tuple(
        _steady(measured / 4, race_speed * (1 + fade / 2 - fade * q / 3), heart * (0.97 + 0.016 * q), 89.5)
        for q in range(4)
    )


def ride(rng: random.Random, athlete: Athlete, _speed: float) -> tuple[Segment, ...]:
    heart = athlete.max_heartrate * rng.uniform(0.66, 0.74)
    return (_steady(rng.uniform(20000, 60000), rng.uniform(6.5, 8.5), heart, rng.uniform(82, 90)),)


def walk(rng: random.Random, athlete: Athlete, _speed: float) -> tuple[Segment, ...]:
    heart = athlete.max_heartrate * rng.uniform(0.52, 0.58)
    return (_steady(rng.uniform(3000, 7000), rng.uniform(1.3, 1.5), heart, rng.uniform(54, 58)),)


def swim(rng: random.Random, athlete: Athlete, _speed: float) -> tuple[Segment, ...]:
    distance = rng.choice((1500.0, 2000.0, 2500.0, 3000.0))
    heart = athlete.max_heartrate * 0.7
    return (_steady(distance, rng.uniform(0.75, 0.95), heart, None),)


def weight_training(rng: random.Random, athlete: Athlete, _speed: float) -> tuple[Segment, ...]:
    heart = athlete.max_heartrate * rng.uniform(0.58, 0.63)
    return (Segment(0.0, float(rng.randint(35, 60) * 60), heart, None),)


RUN_PLANS: dict[str, Planner] = {
    "easy": easy_run,
    "recovery": recovery_run,
    "long": long_run,
    "tempo": tempo_run,
    "intervals": interval_run,
}
OTHER_PLANS: dict[str, Planner] = {
    "Ride": ride,
    "Walk": walk,
    "Swim": swim,
    "WeightTraining": weight_training,
}
