"""POST /users/{id}/plans builds and stores a plan; GET answers it with its progress."""

from datetime import date, timedelta

import pytest

from .fake_data_service import days_ago
from .runners import marathon_in_16_weeks, run_json

DATA_TYPES = {"easy", "long", "recovery", "threshold", "intervals", "repetition", "marathon_pace", "race"}


def create(app, user_id, headers, status=201, **body):
    body = {"race": marathon_in_16_weeks(), "days_per_week": 5, **body}
    return app.post_json(f"/users/{user_id}/plans", body, headers=headers, status=status)


def test_a_plan_is_built_from_current_fitness_and_stored_in_the_data_service(app, runner, as_runner, data):
    response = create(app, runner, as_runner)
    plan = response.json
    stored_id = next(iter(data.plans))
    assert plan["id"] == stored_id
    assert response.headers["Location"] == f"/users/{runner}/plans/{stored_id}"
    assert plan["build"]["vdot"] == pytest.approx(45.0, abs=0.1)
    assert not plan["build"]["vdot_is_default"]
    assert plan["build"]["start_date"] == days_ago(0).isoformat()  # the rest of this week is used
    assert plan["build"]["recent_longest_run_km"] == pytest.approx(13.0, abs=0.1)  # Sunday's long run
    assert plan["race_distance_m"] == 42195
    assert plan["name"] == f"marathon ({plan['race_date']})"
    assert len(plan["runs"]) == sum(week["runs"] for week in plan["weeks"])
    assert all(run["id"] and run["run_id"] is None for run in plan["runs"])


def test_weekly_volumes_grow_recover_and_taper(app, runner, as_runner):
    plan = create(app, runner, as_runner).json
    partial = [week for week in plan["weeks"] if week["is_partial"]]
    assert len(partial) == (0 if days_ago(0).weekday() == 0 else 1)
    weeks = [week for week in plan["weeks"] if not week["is_partial"]]
    assert len(weeks) == 16
    assert [week["phase"] for week in weeks] == ["base"] * 5 + ["build"] * 5 + ["peak"] * 3 + ["taper"] * 3
    assert [week["is_recovery"] for week in weeks].count(True) == 3
    assert weeks[0]["training_km"] == pytest.approx(38, abs=4)  # the last four weeks' mean
    assert max(week["training_km"] for week in weeks) <= 75
    taper = [week["training_km"] for week in weeks[-4:]]
    assert taper == sorted(taper, reverse=True)
    assert weeks[-1]["planned_km"] == pytest.approx(weeks[-1]["training_km"] + 42.2, abs=0.1)
    # The week after each recovery week returns to the last full week, no higher.
    for before, recovery, after in zip(weeks, weeks[1:], weeks[2:], strict=False):
        if recovery["is_recovery"]:
            assert after["training_km"] <= before["training_km"]
    retest = date.fromisoformat(plan["build"]["retest_date"])
    assert 21 <= (date.fromisoformat(plan["race_date"]) - retest).days <= 28


def test_the_stored_plan_uses_the_data_service_s_types_and_pace_ranges(app, runner, as_runner, data):
    create(app, runner, as_runner, goal_time_s=3 * 3600 + 25 * 60)
    posted = data.posted_plans[0]
    assert posted["goal_time_s"] == 12300
    assert posted["race_id"] is None
    assert {run["type"] for run in posted["runs"]} <= DATA_TYPES
    assert {"long", "race", "threshold", "marathon_pace"} <= {run["type"] for run in posted["runs"]}
    retest, race = [run for run in posted["runs"] if run["type"] == "race"]  # the re-test is a tune-up
    assert retest["description"].startswith("Re-test: ")
    assert race["date"] == posted["race_date"]
    for run in posted["runs"]:
        assert 60 <= run["pace_min_s_per_km"] <= run["pace_max_s_per_km"] <= 1200
        assert run["description"]
        assert isinstance(run["duration_s"], int)
    assert posted["notes"].startswith("Built by runnerly-training from VDOT 45.0")


def test_a_goal_beyond_fitness_is_named_and_the_target_stays_the_predicted_time(app, runner, as_runner, data):
    build = create(app, runner, as_runner, goal_time_s=3 * 3600).json["build"]
    assert build["target_time_s"] == build["predicted_time_s"]
    assert len(build["warnings"]) == 1
    assert build["warnings"][0].startswith("Goal 3:00:00 needs VDOT 53.")
    assert "the race target is 3:2" in build["warnings"][0]
    assert build["warnings"][0] in data.posted_plans[0]["notes"]


def test_a_race_of_the_calendar_names_and_dates_the_plan(app, runner, as_runner, data):
    race_id = data.add_race(name="Valencia Marathon", date=marathon_in_16_weeks()["date"], distance_m=42195.0)
    plan = create(app, runner, as_runner, race={"id": race_id}, name="My first sub 3:30").json
    assert (plan["race_id"], plan["race_date"]) == (race_id, marathon_in_16_weeks()["date"])
    assert plan["name"] == "My first sub 3:30"


def test_constraints_shape_the_week(app, runner, as_runner, data):
    constraints = {
        "unavailable_weekdays": ["tuesday", "thursday"],
        "long_run_weekday": "saturday",
        "max_weekly_km": 45,
    }
    create(
        app,
        runner,
        as_runner,
        race={"distance_m": 10000, "date": marathon_in_16_weeks()["date"]},
        days_per_week=4,
        constraints=constraints,
    )
    runs = data.posted_plans[0]["runs"]
    assert not {date.fromisoformat(r["date"]).weekday() for r in runs if r["type"] != "race"} & {1, 3}
    assert {date.fromisoformat(r["date"]).weekday() for r in runs if r["type"] == "long"} == {5}


def test_a_runner_without_runs_gets_a_plan_at_a_default_fitness_and_a_warning(app, data, tokens):
    user_id = data.add_user()
    race = {"distance_m": 10000, "date": marathon_in_16_weeks()["date"]}
    build = create(app, user_id, tokens.user(user_id), race=race).json["build"]
    assert build["vdot_is_default"]
    assert build["vdot"] == 30
    assert any("No current VDOT" in warning for warning in build["warnings"])


def test_a_marathon_from_nothing_is_refused_with_advice_and_nothing_is_stored(app, data, tokens):
    user_id = data.add_user()
    problem = create(app, user_id, tokens.user(user_id), status=422).json
    assert problem["status"] == 422
    assert problem["detail"].startswith("This plan cannot prepare you for a marathon")
    assert any("shorter race" in advice for advice in problem["advice"])
    assert any("run-walk" in advice for advice in problem["advice"])
    assert data.posted_plans == []


def test_a_race_listed_as_42200_m_is_planned_as_a_marathon(app, runner, as_runner, data):
    race = {**marathon_in_16_weeks(), "distance_m": 42200}
    plan = create(app, runner, as_runner, race=race).json
    assert plan["name"] == f"marathon ({plan['race_date']})"
    assert [week["phase"] for week in plan["weeks"]].count("taper") == 3


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"race": {"distance_m": 42195, "date": "2020-04-26"}}, "must be after today"),
        ({"race": {"distance_m": 10000, "date": "2099-01-01"}}, "plans cover at most 366 days"),
        ({"goal_time_s": 3600}, "goal_time_s: 42195 m in 1:00:00"),
        (
            {"days_per_week": 6, "constraints": {"unavailable_weekdays": ["monday", "friday"]}},
            "only 5 weekdays",
        ),
        (
            {"constraints": {"unavailable_weekdays": ["sunday"], "long_run_weekday": "sunday"}},
            "also unavailable",
        ),
        ({"race": {"id": 424242}}, "There is no race 424242."),
        ({"race": {"distance_m": 42195, "date": "2027-02-30"}}, "race.date is not a date"),
    ],
)
def test_a_plan_that_cannot_be_built_is_refused_with_the_reason(app, runner, as_runner, body, says):
    assert says in create(app, runner, as_runner, status=400, **body).json["detail"]


def test_a_plan_the_data_service_refuses_is_a_502(app, runner, as_runner, data):
    app.get(f"/users/{runner}/fitness", headers=as_runner)  # cached: only the plan call fails
    data.failure = (400, "runs[0] is on a day after race day.")
    detail = create(app, runner, as_runner, status=502).json["detail"]
    assert detail == "The data service refused the request (400): runs[0] is on a day after race day."


def test_a_stored_plan_comes_with_weekly_planned_and_done_volumes(app, runner, as_runner, data):
    plan_id = create(app, runner, as_runner).json["id"]
    monday = days_ago(0) - timedelta(days=days_ago(0).weekday()) + timedelta(weeks=1)
    first_week = [
        run
        for run in data.plans[plan_id]["runs"]
        if monday <= date.fromisoformat(run["date"]) < monday + timedelta(weeks=1)
    ]
    easy = next(run for run in first_week if run["type"] == "easy")
    done = data.add_run(runner, run_json(date.fromisoformat(easy["date"]), 7.5, 350))
    plan = app.get(f"/users/{runner}/plans/{plan_id}", headers=as_runner).json
    linked = next(run for run in plan["runs"] if run["id"] == easy["id"])
    assert linked["run_id"] == done["id"]
    index = next(n for n, week in enumerate(plan["weeks"]) if week["week_start"] == monday.isoformat())
    week = plan["weeks"][index]
    assert week["planned_runs"] == len(first_week)
    assert week["done_runs"] == 1
    assert week["planned_km"] == pytest.approx(sum(run["distance_m"] for run in first_week) / 1000, abs=0.1)
    assert week["done_km"] is None  # the week has not started (the run is in the future)
    assert all(later["done_km"] is None for later in plan["weeks"][index + 1 :])
    assert plan["adherence"] == {"due": 0, "done": 0, "ratio": None}


def test_done_volume_counts_every_run_of_the_week_planned_or_not(app, runner, as_runner, data):
    today = days_ago(0)
    monday = today - timedelta(days=today.weekday())
    planned = [
        {"date": monday.isoformat(), "type": "easy", "distance_m": 8000.0, "description": "8 km easy"},
        {"date": (monday + timedelta(days=6)).isoformat(), "type": "rest", "description": "Rest"},
        {
            "date": (monday + timedelta(weeks=1)).isoformat(),
            "type": "race",
            "distance_m": 10000.0,
            "description": "Race",
        },
    ]
    plan_id = 777
    data.plans[plan_id] = {
        "id": plan_id,
        "user_id": runner,
        "name": "10 km",
        "race_id": None,
        "race_date": planned[-1]["date"],
        "race_distance_m": 10000.0,
        "goal_time_s": None,
        "notes": "",
        "created_at": "2026-01-01T00:00:00Z",
        "runs": [{**run, "id": 900 + n, "run_id": None} for n, run in enumerate(planned)],
    }
    week_km = sum(
        run["distance_m"]
        for run in data.runs.values()
        if run["user_id"] == runner
        and monday.isoformat() <= run["start_time_local"][:10] <= today.isoformat()
    )
    weeks = app.get(f"/users/{runner}/plans/{plan_id}", headers=as_runner).json["weeks"]
    assert weeks[0] == {**weeks[0], "week_start": monday.isoformat(), "planned_km": 8.0, "planned_runs": 1}
    assert weeks[0]["done_km"] == pytest.approx(week_km / 1000, abs=0.05)
    assert weeks[1]["planned_runs"] == 1
    assert weeks[1]["done_km"] is None


def test_an_unknown_plan_is_a_404(app, runner, as_runner, data):
    body = app.get(f"/users/{runner}/plans/31337", headers=as_runner, status=404).json
    assert body["detail"] == f"User {runner} has no plan 31337."
