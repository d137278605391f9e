"""Shoes: pairs, default pairs per run type, runs worn in them, mileage and retirement."""

from datetime import UTC, datetime

from .factories import run_payload


def add_shoe(app, runner, headers, status=201, **fields):
    body = {"name": "Pegasus 41", "brand": "Nike", **fields}
    return app.post_json(f"/users/{runner}/shoes", body, headers=headers, status=status).json


def add_runs(app, runner, headers, *runs):
    answer = app.post_json(f"/users/{runner}/runs/bulk", {"runs": list(runs)}, headers=headers)
    return [item["id"] for item in answer.json["runs"]]


def test_the_default_pair_of_a_run_type_wears_its_runs_and_counts_them(app, runner, as_runner):
    road = add_shoe(app, runner, as_runner, default_for="Run", initial_distance_m=50_000)
    trail = add_shoe(app, runner, as_runner, name="Speedgoat", default_for="TrailRun")
    add_runs(
        app,
        runner,
        as_runner,
        run_payload(0, km=10),
        run_payload(1, km=12),
        run_payload(2, km=20, sport_type="TrailRun"),
    )
    shoes = {s["id"]: s for s in app.get(f"/users/{runner}/shoes", headers=as_runner).json["items"]}
    assert (shoes[road["id"]]["distance_m"], shoes[road["id"]]["runs"]) == (72_000, 2)
    assert (shoes[trail["id"]]["distance_m"], shoes[trail["id"]]["runs"]) == (20_000, 1)


def test_a_run_assigned_to_another_pair_leaves_the_default(app, runner, as_runner):
    road = add_shoe(app, runner, as_runner, default_for="Run")
    racer = add_shoe(app, runner, as_runner, name="Vaporfly")
    first, second = add_runs(app, runner, as_runner, run_payload(0, km=10), run_payload(1, km=21))
    worn = app.put_json(f"/users/{runner}/runs/{second}/shoe", {"shoe_id": racer["id"]}, headers=as_runner)
    assert worn.json["shoe"]["id"] == racer["id"]
    assert app.get(f"/users/{runner}/runs/{first}/shoe", headers=as_runner).json["shoe"]["id"] == road["id"]
    assert app.get(f"/users/{runner}/shoes/{road['id']}", headers=as_runner).json["distance_m"] == 10_000
    assert app.get(f"/users/{runner}/shoes/{racer['id']}", headers=as_runner).json["distance_m"] == 21_000
    app.put_json(f"/users/{runner}/runs/{second}/shoe", {"shoe_id": None}, headers=as_runner)
    assert app.get(f"/users/{runner}/shoes/{road['id']}", headers=as_runner).json["distance_m"] == 31_000


def test_runs_before_a_pairs_first_day_are_not_worn_in_it(app, runner, as_runner):
    shoe = add_shoe(app, runner, as_runner, default_for="Run", since="2026-03-02")
    before, after = add_runs(
        app,
        runner,
        as_runner,
        run_payload(0, start=datetime(2026, 3, 1, 8, tzinfo=UTC)),
        run_payload(1, start=datetime(2026, 3, 3, 8, tzinfo=UTC)),
    )
    assert app.get(f"/users/{runner}/shoes/{shoe['id']}", headers=as_runner).json["runs"] == 1
    assert app.get(f"/users/{runner}/runs/{before}/shoe", headers=as_runner).json == {}
    assert app.get(f"/users/{runner}/runs/{after}/shoe", headers=as_runner).json["shoe"]["id"] == shoe["id"]


def test_a_pair_worn_past_the_runners_distance_asks_to_be_retired(app, runner, as_runner):
    shoe = add_shoe(app, runner, as_runner, default_for="Run", retire_at_m=15_000)
    add_runs(app, runner, as_runner, run_payload(0, km=10))
    assert app.get(f"/users/{runner}/shoes/{shoe['id']}", headers=as_runner).json["retirement_due"] is False
    add_runs(app, runner, as_runner, run_payload(1, km=10))
    assert app.get(f"/users/{runner}/shoes/{shoe['id']}", headers=as_runner).json["retirement_due"] is True
    retired = app.patch_json(f"/users/{runner}/shoes/{shoe['id']}", {"retired": True}, headers=as_runner).json
    assert (retired["retirement_due"], retired["default_for"]) == (False, None)


def test_one_default_pair_per_run_type(app, runner, as_runner):
    add_shoe(app, runner, as_runner, default_for="Run")
    problem = add_shoe(app, runner, as_runner, name="Clifton", default_for="Run", status=409)
    assert "default for Run" in problem["detail"]
    assert len(app.get(f"/users/{runner}/shoes", headers=as_runner).json["items"]) == 1


def test_a_runner_neither_sees_nor_wears_another_runners_shoes(app, tokens, make_runner, runner, as_runner):
    other = make_runner()
    as_other = tokens.user(other, "runs:read runs:write")
    theirs = add_shoe(app, other, as_other)
    app.get(f"/users/{other}/shoes", headers=as_runner, status=403)
    app.get(f"/users/{runner}/shoes/{theirs['id']}", headers=as_runner, status=404)
    app.patch_json(f"/users/{runner}/shoes/{theirs['id']}", {"retired": True}, headers=as_runner, status=404)
    app.delete(f"/users/{runner}/shoes/{theirs['id']}", headers=as_runner, status=404)
    (run_id,) = add_runs(app, runner, as_runner, run_payload(0))
    app.put_json(
        f"/users/{runner}/runs/{run_id}/shoe", {"shoe_id": theirs["id"]}, headers=as_runner, status=404
    )
    assert app.get(f"/users/{other}/shoes/{theirs['id']}", headers=as_other).json["retired"] is False


def test_bad_fields_are_refused_and_change_nothing(app, runner, as_runner):
    for body in (
        {"name": ""},
        {"name": "x" * 101},
        {"name": "Pegasus", "retire_at_m": -1},
        {"name": "Pegasus", "default_for": "Run; drop"},
        {"name": "Pegasus", "colour": "red"},
    ):
        answer = app.post_json(f"/users/{runner}/shoes", body, headers=as_runner, status=400)
        assert answer.content_type == "application/problem+json"
    assert app.get(f"/users/{runner}/shoes", headers=as_runner).json["items"] == []


def test_deleting_a_pair_gives_its_runs_back_to_the_default(app, runner, as_runner):
    road = add_shoe(app, runner, as_runner, default_for="Run")
    racer = add_shoe(app, runner, as_runner, name="Vaporfly")
    (run_id,) = add_runs(app, runner, as_runner, run_payload(0, km=5))
    app.put_json(f"/users/{runner}/runs/{run_id}/shoe", {"shoe_id": racer["id"]}, headers=as_runner)
    app.delete(f"/users/{runner}/shoes/{racer['id']}", headers=as_runner, status=204)
    assert app.get(f"/users/{runner}/runs/{run_id}/shoe", headers=as_runner).json["shoe"]["id"] == road["id"]
