"""The sandbox's JSON carries every field STRAVA.md lists, with Strava's types."""

from __future__ import annotations

import re
from typing import Any

import polyline
import pytest

SUMMARY_FIELDS = {
    "id": int, "name": str, "distance": float, "moving_time": int, "elapsed_time": int,
    "total_elevation_gain": float, "elev_high": float, "elev_low": float, "sport_type": str,
    "type": str, "start_date": str, "start_date_local": str, "timezone": str, "utc_offset": float,
    "average_speed": float, "max_speed": float, "start_latlng": list, "end_latlng": list,
    "map": dict, "trainer": bool, "commute": bool, "manual": bool, "private": bool,
    "visibility": str, "gear_id": str, "workout_type": int, "external_id": str,
    "device_name": str, "has_heartrate": bool, "average_heartrate": float,
    "max_heartrate": float, "average_cadence": float,
}  # fmt: skip
DETAIL_ADDITIONS = {
    "description",
    "calories",
    "laps",
    "splits_metric",
    "splits_standard",
    "best_efforts",
}
SPLIT_FIELDS = {
    "distance",
    "elapsed_time",
    "moving_time",
    "elevation_difference",
    "average_speed",
    "pace_zone",
    "split",
}
LAP_FIELDS = {
    "lap_index",
    "distance",
    "elapsed_time",
    "moving_time",
    "average_speed",
    "max_speed",
    "average_cadence",
    "start_date",
}
ATHLETE_FIELDS = {"id", "firstname", "lastname", "city", "country", "sex", "profile"}
TOKEN_FIELDS = {"token_type", "access_token", "refresh_token", "expires_at", "expires_in"}
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
TIMEZONE = re.compile(r"^\(GMT[+-]\d\d:\d\d\) [A-Za-z_]+/[A-Za-z_]+$")


def _outdoor_run(activities: list[dict[str, Any]]) -> dict[str, Any]:
    return next(a for a in activities if a["sport_type"] == "Run" and a["start_latlng"])


@pytest.fixture
def run_summary(api) -> dict[str, Any]:
    return _outdoor_run(api.get("/athlete/activities", per_page=50).json())


@pytest.fixture
def run_detail(api, run_summary) -> dict[str, Any]:
    return api.get(f"/activities/{run_summary['id']}").json()


def test_a_summary_activity_has_every_listed_field_with_strava_types(run_summary):
    for field, kind in SUMMARY_FIELDS.items():
        assert isinstance(run_summary[field], kind), field
    assert run_summary["resource_state"] == 2
    assert ISO_UTC.match(run_summary["start_date"])
    assert ISO_UTC.match(run_summary["start_date_local"])
    assert TIMEZONE.match(run_summary["timezone"])
    assert run_summary["visibility"] in ("everyone", "only_me")


def test_the_summary_polyline_decodes_to_a_track_from_start_to_end(run_summary):
    points = polyline.decode(run_summary["map"]["summary_polyline"])
    assert len(points) > 10
    assert points[0] == pytest.approx(tuple(run_summary["start_latlng"]), abs=1e-5)
    assert points[-1] == pytest.approx(tuple(run_summary["end_latlng"]), abs=1e-5)


def test_a_detailed_activity_adds_description_calories_laps_splits_and_efforts(run_detail):
    assert set(run_detail) >= DETAIL_ADDITIONS
    assert run_detail["resource_state"] == 3
    assert isinstance(run_detail["calories"], float)
    assert len(polyline.decode(run_detail["map"]["polyline"])) > len(
        polyline.decode(run_detail["map"]["summary_polyline"])
    )


def test_splits_and_laps_have_the_listed_fields(run_detail):
    for split in run_detail["splits_metric"] + run_detail["splits_standard"]:
        assert split.keys() >= SPLIT_FIELDS
    for lap in run_detail["laps"]:
        assert lap.keys() >= LAP_FIELDS
        assert ISO_UTC.match(lap["start_date"])


def test_best_efforts_name_standard_distances(run_detail):
    names = [effort["name"] for effort in run_detail["best_efforts"]]
    assert names[:3] == ["400m", "1/2 mile", "1K"]


def test_the_athlete_has_the_listed_fields(api):
    athlete = api.get("/athlete").json()
    assert athlete.keys() >= ATHLETE_FIELDS
    assert (athlete["id"], athlete["firstname"], athlete["city"]) == (1, "Demo", "London")


def test_the_code_exchange_answers_tokens_and_an_athlete_summary(strava):
    answer = strava.authorize(athlete_id=2)
    assert answer.keys() >= TOKEN_FIELDS | {"athlete"}
    assert answer["token_type"] == "Bearer"
    assert isinstance(answer["expires_at"], int)
    assert answer["athlete"].keys() >= ATHLETE_FIELDS
    assert answer["athlete"]["resource_state"] == 2
