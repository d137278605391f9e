"""Seeded demo data: deterministic, exact in its counts, fast, and believable."""

from __future__ import annotations

import json
import math
import statistics
import time
from dataclasses import replace
from datetime import date

import pytest

from runnerly_strava.sandbox import SandboxConfig, create_app, sandbox_of
from runnerly_strava.sandbox.places import CITIES
from runnerly_strava.sandbox.serialize import detailed_activity, summary_activity

RACE_DISTANCES = (5000.0, 10000.0, 21097.5, 42195.0)


def _summaries(config: SandboxConfig, athlete_id: int = 1) -> list[dict]:
    store = sandbox_of(create_app(config)).activities
    athlete = store.athletes[athlete_id]
    return [summary_activity(a, athlete) for a in store.of_athlete(athlete_id, include_private=True)]


def _dump(config: SandboxConfig) -> str:
    store = sandbox_of(create_app(config)).activities
    dumps = []
    for athlete_id, athlete in store.athletes.items():
        activities = store.of_athlete(athlete_id, include_private=True)
        dumps.extend(summary_activity(a, athlete) for a in activities)
        dumps.append(detailed_activity(activities[0], athlete))
    return json.dumps(dumps, sort_keys=True)


@pytest.fixture
def demo_history(config) -> list[dict]:
    """The demo runner with the default history length."""
    return _summaries(replace(config, activity_counts={1: 800}))


def test_the_same_seed_gives_identical_json(config):
    assert _dump(config) == _dump(config)


def test_another_seed_gives_other_data(config):
    assert _summaries(config) != _summaries(replace(config, seed=8))


def test_an_athlete_with_1000_activities_has_exact_run_and_private_counts(config):
    started = time.process_time()  # CPU time: a busy machine must not fail the test
    app = create_app(replace(config, activity_counts={1: 1000, 2: 300, 3: 200, 4: 100}))
    assert time.process_time() - started < 1.0
    stats = sandbox_of(app).activities.stats(1)
    assert (stats["activities"], stats["runs"], stats["private"], stats["private_runs"]) == (
        1000,
        900,
        50,
        50,
    )
    assert set(stats["by_sport_type"]) == {"Run", "Ride", "Swim", "Walk", "WeightTraining"}


def test_summaries_of_1000_activities_serialize_quickly(config):
    started = time.process_time()
    assert len(_summaries(replace(config, activity_counts={1: 1000}))) == 1000
    assert time.process_time() - started < 2.0


def test_the_demo_runner_has_several_years_of_history(demo_history):
    first, last = demo_history[-1]["start_date"], demo_history[0]["start_date"]
    assert int(last[:4]) - int(first[:4]) >= 2
    assert last < "2026-03-10"


def test_races_are_at_standard_distances_and_faster_than_training(demo_history):
    runs = [a for a in demo_history if a["sport_type"] == "Run"]
    races = [a for a in runs if a["workout_type"] == 1]
    assert len(races) >= 5
    for race in races:
        nearest = min(RACE_DISTANCES, key=lambda d: abs(d - race["distance"]))
        assert race["distance"] == pytest.approx(nearest, rel=0.015)
    speed = {kind: statistics.mean(a["average_speed"] for a in runs if a["workout_type"] == kind)
             for kind in (0, 1, 2)}  # fmt: skip
    assert speed[1] > speed[0]
    assert speed[1] > speed[2]


def test_paces_heart_rates_and_cadences_are_plausible_for_runs(demo_history):
    runs = [a for a in demo_history if a["sport_type"] == "Run"]
    for run in runs:
        pace_per_km = 1000 / run["average_speed"]
        assert 200 < pace_per_km < 480, run["name"]  # 3:20 to 8:00 per km
        assert 100 < run["average_heartrate"] < run["max_heartrate"] <= 188
        assert 75 <= run["average_cadence"] <= 95
    easy = [a["average_heartrate"] for a in runs if a["workout_type"] == 0]
    races = [a["average_heartrate"] for a in runs if a["workout_type"] == 1]
    assert statistics.mean(races) > statistics.mean(easy) + 15


def test_non_runs_are_there_for_runnerly_to_skip(demo_history):
    others = {a["sport_type"] for a in demo_history if a["sport_type"] != "Run"}
    assert others == {"Ride", "Swim", "Walk", "WeightTraining"}
    weights = next(a for a in demo_history if a["sport_type"] == "WeightTraining")
    assert weights["distance"] == 0.0
    assert weights["start_latlng"] == []


def _kilometres_between(a: list[float], b: tuple[float, float]) -> float:
    north = (a[0] - b[0]) * 111.32
    east = (a[1] - b[1]) * 111.32 * math.cos(math.radians(b[0]))
    return math.hypot(north, east)


def test_gps_runs_start_in_real_cities_with_their_time_zones(demo_history):
    labels = {city.tz_name: f"(GMT{city.standard_offset}) {city.tz_name}" for city in CITIES.values()}
    for activity in (a for a in demo_history if a["start_latlng"]):
        city = min(
            CITIES.values(), key=lambda c: _kilometres_between(activity["start_latlng"], (c.lat, c.lng))
        )
        assert _kilometres_between(activity["start_latlng"], (city.lat, city.lng)) < 10
        assert activity["timezone"] == labels[city.tz_name]


def test_utc_offsets_follow_daylight_saving(demo_history):
    london = [a for a in demo_history if a["timezone"].endswith("Europe/London")]
    offsets = {a["start_date"][5:7]: a["utc_offset"] for a in london}
    assert offsets["01"] == 0.0
    assert offsets["07"] == 3600.0
    sample = next(a for a in london if a["utc_offset"] == 3600.0)
    assert sample["start_date_local"][11:13] == f"{(int(sample['start_date'][11:13]) + 1) % 24:02d}"


def test_seeded_history_ends_the_day_before_the_history_end(config):
    newest = _summaries(replace(config, history_end=date(2025, 6, 1)))[0]
    assert newest["start_date_local"] < "2025-06-01"
    assert newest["start_date_local"] >= "2025-05-20"


def test_athletes_outside_the_demo_set_are_refused(config):
    with pytest.raises(ValueError, match="unknown athletes"):
        create_app(replace(config, activity_counts={9: 10}))
