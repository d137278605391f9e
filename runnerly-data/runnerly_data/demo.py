"""The demo runner of ``make run``: a year of plausible training, the same every time.

A recreational runner around VDOT 45 training four to five days a week in London: easy
runs, a Sunday long run, a weekly tempo or interval session, a recovery week every fourth
week, and three races. Paces, heart rates and per-kilometre splits follow the session type.
Written through the bulk upsert, so seeding twice changes nothing.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import polyline
from sqlalchemy import select
from sqlalchemy.orm import Session

from runnerly_core.db import make_engine
from runnerly_data.runs.models import Run
from runnerly_data.runs.upsert import upsert_runs
from runnerly_data.shoes.models import RunShoe, Shoe
from runnerly_data.users.models import User

# Session type → (easy pace s/km, heart-rate fraction of reserve, km range)
SESSIONS = {
    "easy": (345, 0.65, (6, 10)),
    "long": (355, 0.70, (16, 24)),
    "tempo": (285, 0.85, (8, 12)),
    "intervals": (300, 0.82, (8, 11)),
    "recovery": (375, 0.58, (5, 7)),
}
WEEK = {0: None, 1: "easy", 2: "intervals", 3: "easy", 4: None, 5: "tempo", 6: "long"}
RACES = {"5k": 5000.0, "10k": 10000.0, "half marathon": 21097.5}
RESTING_HR, MAX_HR = 52, 188
# Where the demo runner starts: home, Regent's Park, Hyde Park, Victoria Park (London).
STARTS = ((51.5290, -0.1250), (51.5313, -0.1570), (51.5073, -0.1657), (51.5362, -0.0400))
TRACK_POINTS = 48


@dataclass(frozen=True)
class DemoRun:
    day: date
    kind: str
    km: float


def plan_year(rng: random.Random, today: date) -> list[DemoRun]:
    start = today - timedelta(days=364)
    runs, races = [], _race_days(today)
    for offset in range(365):
        day = start + timedelta(days=offset)
        if day in races:
            runs.append(DemoRun(day, races[day], RACES[races[day]] / 1000))
            continue
        kind = WEEK[day.weekday()]
        if kind and rng.random() > 0.08:  # life gets in the way now and then
            runs.append(DemoRun(day, *_session(rng, kind, offset // 7)))
    return runs


def _race_days(today: date) -> dict[date, str]:
    return {
        today - timedelta(days=days): name
        for days, name in ((300, "5k"), (180, "10k"), (60, "half marathon"))
    }


def _session(rng: random.Random, kind: str, week: int) -> tuple[str, float]:
    if week % 4 == 3 and kind in ("tempo", "intervals"):
        kind = "easy"  # recovery week: no hard sessions
    low, high = SESSIONS[kind][2]
    scale = 0.75 if week % 4 == 3 else 1.0 + min(week, 40) * 0.005
    return kind, round(rng.uniform(low, high) * scale, 2)


def run_payload(rng: random.Random, run: DemoRun, number: int) -> dict:
    pace = _pace(rng, run)
    moving = round(run.km * pace)
    fraction = 0.9 if run.kind in RACES else SESSIONS[run.kind][1]
    average_hr = round(RESTING_HR + fraction * (MAX_HR - RESTING_HR) + rng.uniform(-3, 3), 1)
    start = datetime.combine(run.day, datetime.min.time(), tzinfo=UTC) + timedelta(
        hours=rng.choice((7, 8, 12, 18)), minutes=rng.randrange(60)
    )
    return {
        "source": "upload",
        "source_id": f"demo-{number}",
        "name": _name(run),
        "sport_type": "Run",
        "is_race": run.kind in RACES,
        "start_time": start.isoformat().replace("+00:00", "Z"),
        "timezone": "Europe/London",
        "distance_m": round(run.km * 1000, 1),
        "moving_time_s": moving,
        "elapsed_time_s": moving + rng.randrange(0, 240),
        "elevation_gain_m": round(run.km * rng.uniform(3, 12), 1),
        "average_heartrate": average_hr,
        "max_heartrate": min(MAX_HR, round(average_hr + rng.uniform(8, 18))),
        "average_cadence": round(rng.uniform(80, 88), 1),
        "splits": _splits(rng, run.km, pace),
        "polyline": _track(rng, run.km),
    }


def _track(rng: random.Random, km: float) -> str:
    """A loop of the run's length from one of the demo runner's starts (for the heat map)."""
    lat, lng = rng.choice(STARTS)
    radius = km * 1000 / (2 * math.pi)
    turn, stretch = rng.uniform(0, 2 * math.pi), rng.uniform(0.5, 1.0)
    points = []
    for step in range(TRACK_POINTS + 1):
        angle = 2 * math.pi * step / TRACK_POINTS
        east = radius * (math.cos(angle) - 1)
        north = radius * stretch * math.sin(angle)
        east, north = (
            east * math.cos(turn) - north * math.sin(turn),
            east * math.sin(turn) + north * math.cos(turn),
        )
        points.append((lat + north / 111_320, lng + east / (111_320 * math.cos(math.radians(lat)))))
    return polyline.encode(points, 5)


def _pace(rng: random.Random, run: DemoRun) -> float:
    if run.kind in RACES:
        return {"5k": 258, "10k": 268, "half marathon": 283}[run.kind] + rng.uniform(-3, 3)
    return SESSIONS[run.kind][0] + rng.uniform(-10, 10)


def _name(run: DemoRun) -> str:
    if run.kind in RACES:
        return f"Race: {run.kind}"
    return {
        "easy": "Easy run",
        "long": "Sunday long run",
        "tempo": "Tempo run",
        "intervals": "Intervals 6 x 800 m",
        "recovery": "Recovery jog",
    }[run.kind]


def _splits(rng: random.Random, km: float, pace: float) -> list[dict]:
    rows, covered, number = [], 0.0, 1
    while covered < km * 1000 - 0.5:
        length = min(1000.0, round(km * 1000 - covered, 1))
        seconds = max(1, round(length / 1000 * pace * rng.uniform(0.96, 1.04)))
        rows.append(
            {
                "split": number,
                "distance_m": length,
                "moving_time_s": seconds,
                "elapsed_time_s": seconds,
                "average_speed_mps": round(length / seconds, 3),
            }
        )
        covered, number = covered + length, number + 1
    return rows


def seed_demo_runner(
    database_url: str, *, email: str, seed: int, today: date | None = None
) -> tuple[int, bool]:
    """Create (or find) the demo runner and upsert their year of runs."""
    # Demo data, not security: a seeded generator keeps the demo the same every time.
    rng = random.Random(seed)  # noqa: S311
    runs = plan_year(rng, today or datetime.now(UTC).date())
    payloads = [run_payload(rng, run, number) for number, run in enumerate(runs)]
    engine = make_engine(database_url)
    with Session(engine, expire_on_commit=False) as session:
        user, created = _demo_user(session, email)
        upsert_runs(session, user.id, payloads)
        _demo_shoes(session, user.id, today or datetime.now(UTC).date())
    engine.dispose()
    return user.id, created


def _demo_user(session: Session, email: str) -> tuple[User, bool]:
    user = session.scalar(select(User).where(User.email == email))
    if user:
        return user, False
    user = User(
        email=email,
        first_name="Demo",
        last_name="Runner",
        sex="F",
        birth_date=date(1990, 4, 12),
        weight_kg=60.0,
        max_heartrate=MAX_HR,
        resting_heartrate=RESTING_HR,
        timezone="Europe/London",
    )
    session.add(user)
    session.commit()
    return user, True


def _demo_shoes(session: Session, user_id: int, today: date) -> None:
    """A daily pair, the default for runs since about three months ago and nearing the 800 km the
    runner set, and racing flats worn on race days only (once: a runner's own changes stay)."""
    if session.scalar(select(Shoe.id).where(Shoe.user_id == user_id).limit(1)):
        return
    since = today - timedelta(days=100)
    session.add(Shoe(user_id=user_id, name="Pegasus 41", brand="Nike", default_for="Run", since=since))
    racers = Shoe(user_id=user_id, name="Vaporfly 3", brand="Nike", retire_at_m=400_000.0)
    session.add(racers)
    session.flush()
    races = session.scalars(select(Run.id).where(Run.user_id == user_id, Run.is_race.is_(True)))
    session.add_all(RunShoe(run_id=run_id, shoe_id=racers.id) for run_id in races)
    session.commit()
