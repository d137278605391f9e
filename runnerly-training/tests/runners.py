"""Runs as the data service stores them, and a year of training of a VDOT 45 runner."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

RESTING_HR, MAX_HR = 50, 190
# Session → (pace s/km, heart-rate fraction of reserve, km): a recreational runner around
# VDOT 45 (easy 5:34-6:08/km, threshold 4:35/km) running about 40 km a week.
SESSIONS = {
    "easy": (350.0, 0.65, 6.0),
    "intervals": (300.0, 0.80, 8.0),
    "tempo": (300.0, 0.82, 8.0),
    "long": (362.0, 0.70, 13.0),
}
WEEK = {1: "easy", 2: "intervals", 3: "easy", 5: "tempo", 6: "long"}  # Monday and Friday off
RACE_10K_DAYS_AGO, RACE_10K_S = 12, 44 * 60 + 30  # VDOT 45.9


def run_json(
    day: date,
    km: float,
    pace_s: float,
    *,
    hour: int = 7,
    timezone: str = "UTC",
    heart_rate: float | None = 150.0,
    sport_type: str = "Run",
    is_race: bool = False,
    splits: list[dict] | None = None,
    source: str = "strava",
    name: str = "Morning run",
) -> dict:
    """A run's detail (``RunDetail``) without its ids; the fake data service adds them."""
    moving = round(km * pace_s)
    local = datetime.combine(day, time(hour, 30))
    return {
        "source": source,
        "source_id": None,
        "name": name,
        "sport_type": sport_type,
        "is_race": is_race,
        "start_time": _utc(local, timezone),
        "start_time_local": local.isoformat(),
        "timezone": timezone,
        "distance_m": round(km * 1000, 1),
        "moving_time_s": moving,
        "elapsed_time_s": moving + (15 if is_race else 60),
        "elevation_gain_m": round(km * 6, 1),
        "average_speed_mps": round(1000 / pace_s, 3),
        "max_speed_mps": round(1000 / pace_s * 1.2, 3),
        "average_heartrate": heart_rate,
        "max_heartrate": None if heart_rate is None else heart_rate + 12,
        "average_cadence": 84.0,
        "pace_s_per_km": round(pace_s, 1),
        "version": 1,
        "description": "",
        "polyline": None,
        "splits": kilometre_splits(km, pace_s) if splits is None else splits,
        "laps": None,
    }


def kilometre_splits(km: float, pace_s: float, fast: dict[int, float] | None = None) -> list[dict]:
    """Whole kilometres at ``pace_s`` (``fast`` overrides some by number), then the rest."""
    fast = fast or {}
    rows = [_split(number, 1000.0, fast.get(number, pace_s)) for number in range(1, int(km) + 1)]
    rest_m = round((km - int(km)) * 1000, 1)
    if rest_m > 0:
        rows.append(_split(int(km) + 1, rest_m, pace_s))
    return rows


def next_monday() -> date:
    """The first day of a plan built today."""
    today = datetime.now(UTC).date()
    return today + timedelta(days=(7 - today.weekday()) % 7)


def marathon_in_16_weeks() -> dict:
    """A race as a plan request names it: the Sunday of the plan's 16th week."""
    return {"distance_m": 42195, "date": (next_monday() + timedelta(weeks=15, days=6)).isoformat()}


def heart_rate_at(fraction: float) -> float:
    return round(RESTING_HR + fraction * (MAX_HR - RESTING_HR), 1)


def training_year(today: date) -> list[dict]:
    """A year of five runs a week (every fourth week lighter) and a 10 km race 12 days ago."""
    runs = []
    for back in range(364, 0, -1):
        day = today - timedelta(days=back)
        kind = WEEK.get(day.weekday())
        if back == RACE_10K_DAYS_AGO:
            runs.append(run_json(day, 10.0, RACE_10K_S / 10, is_race=True, heart_rate=heart_rate_at(0.9)))
        elif kind:
            runs.append(_session(day, kind, light=(back // 7) % 4 == 0))
    return runs


def _session(day: date, kind: str, light: bool) -> dict:
    pace, fraction, km = SESSIONS[kind]
    km = round(km * (0.75 if light else 1.0), 1)
    return run_json(day, km, pace, heart_rate=heart_rate_at(fraction), name=kind.capitalize())


def _split(number: int, distance_m: float, pace_s: float) -> dict:
    seconds = max(1, round(distance_m / 1000 * pace_s))
    return {
        "split": number,
        "distance_m": distance_m,
        "moving_time_s": seconds,
        "elapsed_time_s": seconds,
        "average_speed_mps": round(distance_m / seconds, 3),
    }


def _utc(local: datetime, timezone: str) -> str:
    moment = local.replace(tzinfo=ZoneInfo(timezone)).astimezone(UTC)
    return moment.isoformat().replace("+00:00", "Z")
