"""Listing, paging, privacy and the detail of activities; streams agree with them."""

from __future__ import annotations

import math
import statistics
from datetime import datetime

import pytest


def _stats(strava, athlete_id: int = 1) -> dict:
    return strava.admin("GET", f"/athletes/{athlete_id}").json()["stats"]


def test_pages_of_200_cover_every_activity_exactly_once(api, strava):
    activities = api.all_activities()
    ids = [a["id"] for a in activities]
    assert len(ids) == len(set(ids)) == _stats(strava)["activities"] == 120


@pytest.mark.parametrize("per_page", [7, 50])
def test_pages_split_the_list_without_gaps_or_overlaps(api, per_page):
    expected = [a["id"] for a in api.page(per_page=200)]
    paged, page = [], 1
    while batch := api.page(page=page, per_page=per_page):
        assert len(batch) <= per_page
        paged.extend(a["id"] for a in batch)
        page += 1
    assert paged == expected
    assert page == math.ceil(len(expected) / per_page) + 1


def test_the_list_is_newest_first_and_30_a_page_by_default(api):
    page = api.page()
    starts = [a["start_date"] for a in page]
    assert len(page) == 30
    assert starts == sorted(starts, reverse=True)


def test_before_and_after_bound_start_times_and_after_pages_oldest_first(api):
    everything = api.all_activities()
    newest_first = sorted(everything, key=lambda a: a["start_date"], reverse=True)
    pivot = newest_first[40]["start_date"]
    pivot_epoch = _epoch(pivot)
    before = api.all_activities(before=pivot_epoch)
    after = api.page(after=pivot_epoch, per_page=200)
    assert [a["id"] for a in before] == [a["id"] for a in newest_first[41:]]
    assert [a["id"] for a in after] == [a["id"] for a in reversed(newest_first[:40])]


def _epoch(iso: str) -> int:
    return int(datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp())


@pytest.mark.parametrize("params", [{"per_page": 201}, {"per_page": 0}, {"page": 0}, {"before": "soon"}])
def test_out_of_range_paging_is_a_bad_request(api, params):
    answer = api.get("/athlete/activities", **params)
    assert answer.status_code == 400
    assert answer.json()["message"] == "Bad Request"
    assert set(answer.json()["errors"][0]) == {"resource", "field", "code"}


def test_private_activities_need_activity_read_all(api, strava):
    public_token = strava.authorize(athlete_id=1, scope="read,activity:read")
    stats = _stats(strava)
    everything = api.all_activities()
    public = api.all_activities(public_token)
    private = [a for a in everything if a["private"]]
    assert len(private) == stats["private"] == 6
    assert {a["visibility"] for a in private} == {"only_me"}
    assert len(public) == stats["activities"] - stats["private"]
    assert not any(a["private"] for a in public)
    assert api.get(f"/activities/{private[0]['id']}").status_code == 200
    hidden = api.get(f"/activities/{private[0]['id']}", public_token)
    assert hidden.status_code == 404
    assert hidden.json()["errors"][0] == {"resource": "Activity", "field": "id", "code": "invalid"}


def test_another_athletes_or_a_missing_activity_is_not_found(api, strava):
    someone_else = api.all_activities(strava.authorize(athlete_id=2))[0]["id"]
    assert api.get(f"/activities/{someone_else}").status_code == 404
    assert api.get("/activities/1").status_code == 404
    assert api.get(f"/activities/{someone_else}/streams", keys="time").status_code == 404


def test_without_an_activity_scope_activities_are_unauthorized(api, strava):
    profile_only = strava.authorize(athlete_id=1, scope="read")
    answer = api.get("/athlete/activities", profile_only)
    assert answer.status_code == 401
    assert answer.json()["errors"][0]["field"] == "activity:read_permission"
    assert api.get("/athlete", profile_only).json()["resource_state"] == 2


@pytest.fixture
def race(api):
    return next(a for a in api.all_activities() if a["workout_type"] == 1)


@pytest.fixture
def race_detail(api, race):
    return api.get(f"/activities/{race['id']}").json()


@pytest.fixture
def race_streams(api, race):
    keys = "time,distance,latlng,altitude,heartrate,cadence"
    return api.get(f"/activities/{race['id']}/streams", keys=keys, key_by_type="true").json()


def test_streams_have_equal_lengths_and_end_at_the_activity_totals(race, race_streams):
    assert set(race_streams) == {"time", "distance", "latlng", "altitude", "heartrate", "cadence"}
    assert len({len(s["data"]) for s in race_streams.values()}) == 1
    assert race_streams["distance"]["data"][-1] == race["distance"]
    assert race_streams["time"]["data"][-1] == race["elapsed_time"]
    assert race_streams["latlng"]["data"][0] == race["start_latlng"]
    assert race_streams["distance"]["data"] == sorted(race_streams["distance"]["data"])


def test_streams_heart_rate_and_cadence_match_the_summary(race, race_streams):
    heart = race_streams["heartrate"]["data"]
    assert statistics.mean(heart) == pytest.approx(race["average_heartrate"], abs=0.6)
    assert max(heart) == race["max_heartrate"]
    cadence = race_streams["cadence"]["data"]
    assert statistics.mean(cadence) == pytest.approx(race["average_cadence"], abs=0.6)


def test_streams_without_key_by_type_are_a_list_and_keys_are_required(api, race):
    listed = api.get(f"/activities/{race['id']}/streams", keys="heartrate").json()
    assert [s["type"] for s in listed] == ["distance", "heartrate"]
    assert api.get(f"/activities/{race['id']}/streams").status_code == 400


@pytest.mark.parametrize(("key", "unit"), [("splits_metric", 1000.0), ("splits_standard", 1609.34)])
def test_splits_add_up_to_the_activity(race_detail, key, unit):
    splits = race_detail[key]
    assert len(splits) == math.ceil(race_detail["distance"] / unit)
    assert [s["split"] for s in splits] == list(range(1, len(splits) + 1))
    assert all(s["distance"] == pytest.approx(unit, abs=0.1) for s in splits[:-1])
    assert sum(s["distance"] for s in splits) == pytest.approx(race_detail["distance"], abs=0.2)
    assert sum(s["moving_time"] for s in splits) == race_detail["moving_time"]
    assert sum(s["elapsed_time"] for s in splits) == race_detail["elapsed_time"]


def test_laps_add_up_to_the_activity(api):
    workout = next(
        a for a in api.all_activities() if a["workout_type"] == 3 and a["elapsed_time"] > a["moving_time"]
    )
    detail = api.get(f"/activities/{workout['id']}").json()
    laps = detail["laps"]
    assert [lap["lap_index"] for lap in laps] == list(range(1, len(laps) + 1))
    assert sum(lap["distance"] for lap in laps) == pytest.approx(detail["distance"], abs=0.2)
    assert sum(lap["moving_time"] for lap in laps) == detail["moving_time"]
    assert sum(lap["elapsed_time"] for lap in laps) == detail["elapsed_time"]


def test_interval_sessions_lap_each_rep_and_recovery(api):
    session = next(a for a in api.all_activities() if " x " in a["name"])
    laps = api.get(f"/activities/{session['id']}").json()["laps"]
    reps, rep_distance = (int(part.rstrip("m")) for part in session["name"].split(" x "))
    assert len(laps) == 2 * reps + 1  # warm-up, reps with recoveries between, cool-down
    assert laps[1]["distance"] == pytest.approx(rep_distance, abs=0.5)
    assert laps[1]["average_speed"] > laps[2]["average_speed"]


def test_best_efforts_are_no_slower_than_the_whole_race(race_detail):
    efforts = {e["name"]: e for e in race_detail["best_efforts"]}
    longest = race_detail["best_efforts"][-1]
    assert longest["distance"] <= race_detail["distance"]
    assert longest["elapsed_time"] <= race_detail["elapsed_time"]
    assert efforts["1K"]["elapsed_time"] < efforts["1 mile"]["elapsed_time"]


def test_a_treadmill_run_has_no_gps_data(api):
    treadmill = next(a for a in api.all_activities() if a["trainer"])
    assert treadmill["start_latlng"] == []
    assert treadmill["map"]["summary_polyline"] == ""
    streams = api.get(f"/activities/{treadmill['id']}/streams", keys="latlng,time", key_by_type="true").json()
    assert set(streams) == {"time", "distance"}
