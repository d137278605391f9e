"""The idempotent bulk upsert that Strava sync and file imports write through."""

from .factories import run_payload


def upsert(app, user_id, headers, runs, status=200):
    return app.post_json(f"/users/{user_id}/runs/bulk", {"runs": runs}, headers=headers, status=status)


def count_runs(app, user_id, headers) -> int:
    return app.get(f"/users/{user_id}/runs", headers=headers).json["total"]


def test_a_batch_sent_twice_stores_each_run_once(app, runner, service):
    batch = [run_payload(i) for i in range(50)]
    first = upsert(app, runner, service, batch).json
    second = upsert(app, runner, service, batch).json
    assert (first["created"], first["updated"], first["unchanged"]) == (50, 0, 0)
    assert (second["created"], second["updated"], second["unchanged"]) == (0, 0, 50)
    assert [r["id"] for r in first["runs"]] == [r["id"] for r in second["runs"]]
    assert count_runs(app, runner, service) == 50


def test_a_changed_run_is_updated_in_place(app, runner, service):
    upsert(app, runner, service, [run_payload(0), run_payload(1)])
    report = upsert(app, runner, service, [run_payload(0, name="Renamed on Strava"), run_payload(1)]).json
    assert (report["created"], report["updated"], report["unchanged"]) == (0, 1, 1)
    run = app.get(f"/users/{runner}/runs/{report['runs'][0]['id']}", headers=service).json
    assert run["name"] == "Renamed on Strava"
    assert run["version"] == 2


def test_a_full_run_replaces_fields_it_no_longer_has(app, runner, service):
    upsert(app, runner, service, [run_payload(0)])
    without_hr = run_payload(0)
    del without_hr["average_heartrate"], without_hr["max_heartrate"]
    report = upsert(app, runner, service, [without_hr]).json
    run = app.get(f"/users/{runner}/runs/{report['runs'][0]['id']}", headers=service).json
    assert run["average_heartrate"] is None


def test_one_invalid_run_refuses_the_whole_batch(app, runner, service):
    batch = [run_payload(i) for i in range(10)]
    batch[7]["moving_time_s"] = batch[7]["elapsed_time_s"] + 1
    problem = upsert(app, runner, service, batch, status=400)
    assert problem.content_type == "application/problem+json"
    assert problem.json["errors"] == [
        {"index": 7, "field": "moving_time_s", "message": "moving_time_s cannot exceed elapsed_time_s."}
    ]
    assert count_runs(app, runner, service) == 0


def test_a_schema_error_names_the_item(app, runner, service):
    batch = [run_payload(i) for i in range(3)]
    del batch[2]["distance_m"]
    problem = upsert(app, runner, service, batch, status=400).json
    assert "'distance_m' is a required property" in problem["detail"]
    assert "runs.2" in problem["detail"]
    assert count_runs(app, runner, service) == 0


def test_an_unknown_field_is_refused_not_ignored(app, runner, service):
    batch = [run_payload(i) for i in range(3)]
    batch[1]["distance"] = batch[1].pop("distance_m")
    problem = upsert(app, runner, service, batch, status=400).json
    assert "'distance' was unexpected" in problem["detail"]
    assert "runs.1" in problem["detail"]
    assert count_runs(app, runner, service) == 0


def test_the_same_run_twice_in_one_batch_ends_as_its_last_copy(app, runner, service):
    report = upsert(app, runner, service, [run_payload(3), run_payload(3, name="Edited")]).json
    assert [r["outcome"] for r in report["runs"]] == ["created", "updated"]
    assert report["runs"][0]["id"] == report["runs"][1]["id"]
    runs = app.get(f"/users/{runner}/runs", headers=service).json
    assert [r["name"] for r in runs["items"]] == ["Edited"]


def test_more_than_a_thousand_runs_are_refused(app, runner, service):
    upsert(app, runner, service, [run_payload(i) for i in range(1001)], status=400)
    assert count_runs(app, runner, service) == 0


def test_a_thousand_runs_go_in_one_batch(app, runner, service):
    report = upsert(app, runner, service, [run_payload(i) for i in range(1000)]).json
    assert report["created"] == 1000
    assert count_runs(app, runner, service) == 1000


def test_the_same_source_id_of_two_runners_are_two_runs(app, make_runner, service):
    first, second = make_runner(), make_runner()
    a = upsert(app, first, service, [run_payload(0)]).json["runs"][0]["id"]
    b = upsert(app, second, service, [run_payload(0)]).json["runs"][0]["id"]
    assert a != b
