"""GET /users/{id}/load and /zones: TRIMP, CTL, ATL, TSB, ACWR, Karvonen zones."""

import math
from datetime import timedelta
from itertools import pairwise

import pytest

from .fake_data_service import days_ago
from .runners import heart_rate_at, kilometre_splits, run_json


def load(app, user_id, headers, status=200, **query):
    return app.get(f"/users/{user_id}/load", query, headers=headers, status=status).json


def zones(app, user_id, headers, status=200, **query):
    return app.get(f"/users/{user_id}/zones", query, headers=headers, status=status).json


def test_load_covers_the_last_twelve_weeks_by_default(app, runner, as_runner):
    body = load(app, runner, as_runner)
    days = body["days"]
    assert (body["from"], body["to"]) == (days_ago(83).isoformat(), days_ago(0).isoformat())
    assert [day["date"] for day in days] == [days_ago(back).isoformat() for back in range(83, -1, -1)]
    assert body["profile"] == {
        "resting_heartrate": 50,
        "max_heartrate": 190,
        "sex": "female",
        "estimated": [],
    }


def test_each_day_has_trimp_ctl_atl_tsb_and_acwr(app, runner, as_runner):
    days = load(app, runner, as_runner)["days"]
    race = next(day for day in days if day["date"] == days_ago(12).isoformat())
    # Banister for a woman: 44:30 at 90 % of reserve = 44.5 · 0.9 · 0.86·e^(1.67·0.9)
    assert race["trimp"] == pytest.approx(44.5 * 0.9 * 0.86 * 2.718281828 ** (1.67 * 0.9), abs=0.2)
    assert not race["estimated"]
    for yesterday, day in pairwise(days):
        # TSB is the form the day starts with: yesterday's CTL - ATL.
        assert day["tsb"] == pytest.approx(yesterday["ctl"] - yesterday["atl"], abs=0.02)
    # A year of five runs a week: the ratio is there, in the comfortable band.
    assert all(0.6 < day["acwr"] < 1.6 for day in days)


def test_ctl_and_atl_decay_on_rest_days_with_42_and_7_day_time_constants(app, runner, as_runner):
    days = load(app, runner, as_runner)["days"]
    rest_days = [(previous, day) for previous, day in pairwise(days) if day["trimp"] == 0]
    assert len(rest_days) >= 20
    for previous, day in rest_days:
        assert day["atl"] == pytest.approx(previous["atl"] * math.exp(-1 / 7), abs=0.02)
        assert day["ctl"] == pytest.approx(previous["ctl"] * math.exp(-1 / 42), abs=0.02)


def test_a_runner_new_to_running_sees_no_acwr_until_28_days_of_history(app, data, tokens):
    user_id = data.add_user()
    for back in range(34, -1, -1):
        data.add_run(user_id, run_json(days_ago(back), 1.4, 360, heart_rate=heart_rate_at(0.6), splits=[]))
    days = load(app, user_id, tokens.user(user_id))["days"]
    first_run = days_ago(34).isoformat()
    history = [day for day in days if day["date"] >= first_run]
    assert [day["acwr"] for day in history[:27]] == [None] * 27  # not 3.6 on day 1
    assert all(0.9 < day["acwr"] < 1.3 for day in history[27:])


def test_chronic_load_is_warmed_up_before_the_first_day_kept(app, data, tokens):
    user_id = data.add_user()
    for back in range(420, -1, -1):  # short daily runs: no splits to fetch
        data.add_run(user_id, run_json(days_ago(back), 1.4, 360, heart_rate=heart_rate_at(0.6), splits=[]))
    first = load(app, user_id, tokens.user(user_id), **{"from": days_ago(364).isoformat()})["days"][0]
    assert first["date"] == days_ago(364).isoformat()
    # The 56 days of running before it (of the 84 warmed up on) and the day itself bring CTL
    # to 1 - e^(-57/42) = 74 % of the daily load; from nothing, it would be 2 %.
    assert first["ctl"] == pytest.approx(first["trimp"] * (1 - math.exp(-57 / 42)), rel=0.01)


def test_a_run_without_heart_rate_is_estimated_from_its_pace(app, data, tokens):
    user_id = data.add_user()
    data.add_run(user_id, run_json(days_ago(1), 10.0, 300, heart_rate=None, source="manual", splits=[]))
    day = load(app, user_id, tokens.user(user_id))["days"][-2]
    assert day["estimated"] is True
    assert day["trimp"] > 0


def test_missing_heart_rates_are_estimated_and_said_so(app, data, tokens):
    user_id = data.add_user(max_heartrate=None, resting_heartrate=None, sex=None, birth_date="1986-01-15")
    profile = load(app, user_id, tokens.user(user_id))["profile"]
    age = (days_ago(0) - days_ago(0).replace(year=1986, month=1, day=15)).days // 365
    assert profile["max_heartrate"] == pytest.approx(208 - 0.7 * age, abs=0.8)
    assert profile == {**profile, "resting_heartrate": 60.0, "sex": "unknown"}
    assert profile["estimated"] == ["resting_heartrate", "max_heartrate"]


def test_a_heart_rate_the_model_cannot_use_is_replaced_by_estimates(app, data, tokens):
    user_id = data.add_user(max_heartrate=235)  # the data service allows up to 240
    assert load(app, user_id, tokens.user(user_id))["profile"]["estimated"] == [
        "resting_heartrate",
        "max_heartrate",
    ]


def test_the_range_is_what_is_inside_the_kept_year(app, runner, as_runner):
    body = load(app, runner, as_runner, **{"from": "2000-01-01", "to": "2099-01-01"})
    assert (body["from"], body["to"]) == (days_ago(364).isoformat(), days_ago(0).isoformat())
    assert len(body["days"]) == 365


def test_a_range_before_the_kept_year_or_backwards_has_no_days(app, runner, as_runner):
    assert load(app, runner, as_runner, **{"from": "2001-01-01", "to": "2001-02-01"})["days"] == []
    backwards = {"from": days_ago(3).isoformat(), "to": days_ago(10).isoformat()}
    assert load(app, runner, as_runner, **backwards)["days"] == []
    assert zones(app, runner, as_runner, **backwards)["weeks"] == []


def test_a_date_that_is_not_one_is_refused(app, runner, as_runner):
    assert (
        "from is not a date" in load(app, runner, as_runner, status=400, **{"from": "2026-02-30"})["detail"]
    )


def test_zones_are_karvonen_bands_of_the_heart_rate_reserve(app, runner, as_runner):
    bands = zones(app, runner, as_runner)["zones"]
    assert [(z["zone"], z["min_bpm"], z["max_bpm"]) for z in bands] == [
        (1, 120.0, 134.0),
        (2, 134.0, 148.0),
        (3, 148.0, 162.0),
        (4, 162.0, 176.0),
        (5, 176.0, 190.0),
    ]


def test_split_heart_rates_place_each_part_of_a_session_in_its_own_zone(app, data, tokens):
    user_id = data.add_user()  # resting 50, maximum 190: zone 1 from 120, zone 4 from 162 bpm
    monday = days_ago(0) - timedelta(days=days_ago(0).weekday() + 7)
    splits = kilometre_splits(8.0, 300)
    for number, split in enumerate(splits):
        split["average_heartrate"] = 130 if number < 4 else 175  # 4 km easy, 4 km hard
    data.add_run(user_id, run_json(monday, 8.0, 300, heart_rate=152.5, splits=splits))
    week = zones(app, user_id, tokens.user(user_id), **{"from": monday.isoformat()})["weeks"][0]
    # Not 40 min in zone 3 at the average of 152.5 bpm: 20 min in zone 1, 20 in zone 4.
    assert week["seconds"]["zone_1"] == 1200.0
    assert week["seconds"]["zone_4"] == 1200.0
    assert week["seconds"]["zone_3"] == 0.0


def test_time_in_zones_per_week_adds_up_to_the_time_run(app, data, tokens):
    user_id = data.add_user()
    monday = days_ago(0) - timedelta(days=days_ago(0).weekday() + 7)
    data.add_run(user_id, run_json(monday, 10.0, 300, heart_rate=heart_rate_at(0.65)))  # zone 2
    data.add_run(user_id, run_json(monday + timedelta(days=2), 8.0, 280, heart_rate=heart_rate_at(0.85)))
    data.add_run(user_id, run_json(monday + timedelta(days=4), 5.0, 330, heart_rate=None, splits=[]))
    data.add_run(user_id, run_json(monday + timedelta(days=5), 5.0, 400, heart_rate=heart_rate_at(0.3)))
    week = zones(app, user_id, tokens.user(user_id), **{"from": monday.isoformat()})["weeks"][0]
    assert week["week_start"] == monday.isoformat()
    assert (week["iso_year"], week["iso_week"]) == monday.isocalendar()[:2]
    assert week["seconds"] == {
        "below_zone_1": 2000.0,
        "zone_1": 0.0,
        "zone_2": 3000.0,
        "zone_3": 0.0,
        "zone_4": 2240.0,
        "zone_5": 0.0,
    }
    assert week["no_heart_rate_s"] == 1650.0
