"""The race calendar, and plans linked to the runs that fulfil them."""

from datetime import UTC, date, datetime, timedelta

from .factories import run_payload


def add_race(app, headers, **fields):
    body = {
        "name": "Berlin Marathon",
        "date": "2027-09-26",
        "distance_m": 42195,
        "location": "Berlin",
        **fields,
    }
    return app.post_json("/races", body, headers=headers, status=201).json


def test_any_runner_reads_and_adds_races(app, as_runner):
    race = add_race(app, as_runner)
    assert app.get(f"/races/{race['id']}", headers=as_runner).json["name"] == "Berlin Marathon"
    found = app.get("/races?q=berlin&from=2027-01-01", headers=as_runner).json
    assert [r["id"] for r in found["items"]] == [race["id"]]
    assert app.get("/races?q=boston", headers=as_runner).json["total"] == 0


def test_the_same_race_is_added_once(app, as_runner):
    add_race(app, as_runner, name="Parkrun Bushy", distance_m=5000)
    app.post_json(
        "/races",
        {"name": "Parkrun Bushy", "date": "2027-09-26", "distance_m": 5000},
        headers=as_runner,
        status=409,
    )


def plan_body(days: list[date], race_day: date) -> dict:
    runs = [
        {"date": d.isoformat(), "type": "easy", "distance_m": 8000, "description": "Easy 8 km"} for d in days
    ]
    runs.append({"date": race_day.isoformat(), "type": "race", "distance_m": 10000, "description": "Race"})
    return {"name": "10 km plan", "race_date": race_day.isoformat(), "race_distance_m": 10000, "runs": runs}


def test_a_run_on_a_planned_day_fulfils_the_planned_run(app, runner, as_runner):
    today = datetime.now(UTC).date()
    days = [today - timedelta(days=3), today - timedelta(days=2), today + timedelta(days=1)]
    plan = app.post_json(
        f"/users/{runner}/plans", plan_body(days, today + timedelta(days=7)), headers=as_runner, status=201
    ).json
    assert plan["adherence"] == {"due": 2, "done": 0, "ratio": 0.0}
    start = datetime.combine(days[0], datetime.min.time(), tzinfo=UTC) + timedelta(hours=9)
    run_id = app.post_json(
        f"/users/{runner}/runs/bulk",
        {"runs": [run_payload(0, start=start, timezone="UTC")]},
        headers=as_runner,
    ).json["runs"][0]["id"]
    plan = app.get(f"/users/{runner}/plans/{plan['id']}", headers=as_runner).json
    assert plan["runs"][0]["run_id"] == run_id
    assert plan["adherence"] == {"due": 2, "done": 1, "ratio": 0.5}


def test_a_new_plan_links_runs_already_done(app, runner, as_runner):
    today = datetime.now(UTC).date()
    start = datetime.combine(today - timedelta(days=1), datetime.min.time(), tzinfo=UTC) + timedelta(hours=9)
    run_id = app.post_json(
        f"/users/{runner}/runs/bulk",
        {"runs": [run_payload(0, start=start, timezone="UTC")]},
        headers=as_runner,
    ).json["runs"][0]["id"]
    plan = app.post_json(
        f"/users/{runner}/plans",
        plan_body([today - timedelta(days=1)], today + timedelta(days=5)),
        headers=as_runner,
    ).json
    assert plan["runs"][0]["run_id"] == run_id


def test_a_planned_run_after_race_day_is_refused(app, runner, as_runner):
    race_day = date(2027, 5, 1)
    problem = app.post_json(
        f"/users/{runner}/plans",
        plan_body([race_day + timedelta(days=1)], race_day),
        headers=as_runner,
        status=400,
    ).json
    assert "after race day" in problem["detail"]
    assert app.get(f"/users/{runner}/plans", headers=as_runner).json["items"] == []


def test_a_plan_for_a_race_that_does_not_exist_is_refused(app, runner, as_runner):
    body = {**plan_body([date(2027, 4, 1)], date(2027, 5, 1)), "race_id": 2_000_000_000}
    problem = app.post_json(f"/users/{runner}/plans", body, headers=as_runner, status=400).json
    assert problem["detail"] == "There is no race 2000000000."
    assert app.get(f"/users/{runner}/plans", headers=as_runner).json["items"] == []


def test_a_run_fulfils_one_planned_run_only(app, runner, as_runner):
    today = datetime.now(UTC).date()
    plan = app.post_json(
        f"/users/{runner}/plans",
        plan_body([today, today + timedelta(days=1)], today + timedelta(days=9)),
        headers=as_runner,
    ).json
    run = app.post_json(
        f"/users/{runner}/runs",
        {"start_time": "2020-01-01T08:00:00Z", "distance_m": 5000, "moving_time_s": 1500},
        headers=as_runner,
    ).json
    first, second = plan["runs"][0]["id"], plan["runs"][1]["id"]
    url = f"/users/{runner}/plans/{plan['id']}/runs"
    app.patch_json(f"{url}/{first}", {"run_id": run["id"]}, headers=as_runner)
    app.patch_json(f"{url}/{second}", {"run_id": run["id"]}, headers=as_runner, status=409)
    assert app.patch_json(f"{url}/{first}", {"run_id": None}, headers=as_runner).json["run_id"] is None


def test_plans_of_another_runner_are_out_of_reach(app, make_runner, tokens, as_runner, runner):
    from .conftest import ALL_SCOPES

    other = make_runner()
    plan = app.post_json(f"/users/{runner}/plans", plan_body([], date(2027, 5, 1)), headers=as_runner).json
    intruder = tokens.user(other, ALL_SCOPES)
    app.get(f"/users/{runner}/plans/{plan['id']}", headers=intruder, status=403)
    app.get(f"/users/{other}/plans/{plan['id']}", headers=intruder, status=404)
