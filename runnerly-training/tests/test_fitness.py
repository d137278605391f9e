"""GET /users/{id}/fitness: current VDOT from races and best efforts, faded with age."""

import pytest
import requests

from .fake_data_service import DATA_URL, days_ago
from .runners import RACE_10K_DAYS_AGO, kilometre_splits, run_json


def fitness(app, user_id, headers, status=200):
    return app.get(f"/users/{user_id}/fitness", headers=headers, status=status).json


def test_a_runner_s_vdot_comes_from_their_recent_race(app, runner, as_runner, data):
    body = fitness(app, runner, as_runner)
    assert body["user_id"] == runner
    assert body["as_of"] == days_ago(0).isoformat()
    assert body["vdot"] == pytest.approx(45.0, abs=0.1)
    driver = body["driver"]
    assert driver["source"] == "race"
    assert driver["date"] == days_ago(RACE_10K_DAYS_AGO).isoformat()
    assert (driver["distance_m"], driver["time_s"]) == (10000.0, 2685.0)  # by the clock, stops included
    assert driver["age_days"] == RACE_10K_DAYS_AGO
    assert driver["effective_vdot"] == pytest.approx(driver["vdot"] * driver["credit"], abs=0.01)
    assert body["evidence"][0] == driver
    assert len({effort["run_id"] for effort in body["evidence"]}) == len(body["evidence"])


def test_it_explains_how_old_efforts_fade(app, runner, as_runner):
    method = fitness(app, runner, as_runner)["method"]
    assert method == {
        "combination": (
            "Each effort's VDOT is credited less as it ages; the strongest credited effort sets the VDOT."
        ),
        "half_life_days": 60.0,
        "max_fade": 0.1,
        "lookback_days": 365,
        "min_best_effort_m": 1500.0,
    }


def test_predictions_paces_volume_and_history_come_with_it(app, runner, as_runner):
    body = fitness(app, runner, as_runner)
    predictions = {p["name"]: p for p in body["predictions"]}
    assert predictions["10 km"]["time_s"] == pytest.approx(2685 / 0.99, rel=0.01)
    assert predictions["10 km"]["riegel_time_s"] == pytest.approx(predictions["10 km"]["time_s"], abs=0.5)
    assert predictions["marathon"]["time_s"] > predictions["half marathon"]["time_s"] * 2
    assert body["training_paces"]["threshold"]["min_s_per_km"] == pytest.approx(274, abs=2)
    assert body["recent_weekly_km"] == pytest.approx(38, abs=4)
    history = body["history"]
    assert len(history) == 26
    assert history[-1]["date"] == body["as_of"]
    assert history[-1]["vdot"] == body["vdot"]
    assert history[0]["vdot"] < body["vdot"]  # before the race only training runs counted


def test_a_fast_stretch_inside_a_run_is_a_best_effort(app, data, tokens):
    user_id = data.add_user()
    splits = kilometre_splits(12.0, 330, fast={n: 250 for n in range(4, 9)})  # 5 km at 4:10/km
    data.add_run(user_id, run_json(days_ago(3), 12.0, 314, splits=splits))
    driver = fitness(app, user_id, tokens.user(user_id))["driver"]
    assert (driver["source"], driver["distance_m"], driver["time_s"]) == ("best_effort", 5000.0, 1250.0)


def test_runs_that_look_like_gps_glitches_are_ignored_with_the_reason(app, data, tokens):
    user_id = data.add_user()
    glitch = data.add_run(
        user_id, run_json(days_ago(2), 5.0, 300, splits=kilometre_splits(5.0, 300, fast={3: 90}))
    )
    data.add_run(user_id, run_json(days_ago(4), 5.0, 330))
    body = fitness(app, user_id, tokens.user(user_id))
    assert body["ignored_runs"] == [
        {"run_id": glitch["id"], "reason": "kilometre split 3 in 90 s is faster than any human"}
    ]
    assert body["driver"]["run_id"] != glitch["id"]


def test_walks_and_rides_do_not_count(app, data, tokens):
    user_id = data.add_user()
    data.add_run(user_id, run_json(days_ago(2), 20.0, 120, sport_type="Ride"))
    data.add_run(user_id, run_json(days_ago(3), 5.0, 330))
    assert fitness(app, user_id, tokens.user(user_id))["evidence"][0]["time_s"] == 1650.0


def test_without_runs_there_is_no_vdot(app, data, tokens):
    user_id = data.add_user()
    body = fitness(app, user_id, tokens.user(user_id))
    assert body["vdot"] is None
    assert "driver" not in body
    assert "training_paces" not in body
    assert body["predictions"] == []
    assert body["recent_weekly_km"] == 0


def test_runs_are_read_200_at_a_time_and_splits_once_per_run(app, runner, as_runner, data):
    fitness(app, runner, as_runner)
    pages = data.calls("GET", rf"^/users/{runner}/runs$")
    assert len(pages) == 2
    assert all("per_page=200" in call.url for call in pages)
    details = data.calls("GET", rf"^/users/{runner}/runs/\d+$")
    assert len(details) == len({call.url for call in details}) == len(data.runs)


def test_the_runner_s_calendar_days_count(app, data, tokens):
    """A run at 07:30 in Auckland is on the day before in UTC; the runner's day counts."""
    user_id = data.add_user(timezone="Pacific/Auckland")
    run = data.add_run(user_id, run_json(days_ago(20), 10.0, 270, timezone="Pacific/Auckland", is_race=True))
    driver = fitness(app, user_id, tokens.user(user_id))["driver"]
    assert driver["date"] == run["start_time_local"][:10] != run["start_time"][:10]


def test_an_unknown_runner_is_a_404(app, data, service):
    body = fitness(app, 999, service, status=404)
    assert body["detail"] == "There is no user 999."


def test_a_data_service_down_is_a_503_to_retry(app, runner, as_runner, data):
    data.failure = (503, "Down for maintenance.")
    response = app.get(f"/users/{runner}/fitness", headers=as_runner, status=503)
    assert response.content_type == "application/problem+json"
    assert response.headers["Retry-After"] == "30"
    assert "data service" in response.json["detail"]


def test_a_data_service_that_does_not_answer_is_a_503(app, runner, as_runner, data, requests_mock):
    requests_mock.get(f"{DATA_URL}/users/{runner}", exc=requests.ConnectTimeout)
    assert "does not answer (ConnectTimeout)" in fitness(app, runner, as_runner, status=503)["detail"]
