"""Reading and writing one runner's runs."""

from .factories import manual_payload, run_payload


def upsert(app, user_id, headers, runs, status=200):
    return app.post_json(f"/users/{user_id}/runs/bulk", {"runs": runs}, headers=headers, status=status)


def test_a_runner_logs_a_run_by_hand_and_reads_it_back(app, runner, as_runner):
    created = app.post_json(
        f"/users/{runner}/runs", manual_payload(km=5, pace_s=330), headers=as_runner, status=201
    )
    assert created.json["source"] == "manual"
    # Relative in-process; a proxy in front of a live server may make it absolute.
    assert created.headers["Location"].endswith(f"/users/{runner}/runs/{created.json['id']}")
    run = app.get(created.headers["Location"], headers=as_runner).json
    assert run["distance_m"] == 5000
    assert run["pace_s_per_km"] == 330.0
    assert run["start_time_local"] == "2026-03-01T07:30:00"  # London is on GMT in March


def test_a_run_of_a_vanishing_distance_has_no_pace_rather_than_an_infinite_one(app, runner, as_runner):
    # Found by the contract test: 1e-308 m made the pace Infinity, which is not JSON.
    body = {**manual_payload(), "distance_m": 1.1125369292536007e-308}
    created = app.post_json(f"/users/{runner}/runs", body, headers=as_runner, status=201)
    assert created.json["pace_s_per_km"] is None
    assert "Infinity" not in created.text


def test_local_time_follows_the_runs_time_zone(app, runner, as_runner):
    body = manual_payload(timezone="America/Los_Angeles")
    run = app.post_json(f"/users/{runner}/runs", body, headers=as_runner, status=201).json
    assert run["start_time"] == "2026-03-01T07:30:00Z"
    assert run["start_time_local"] == "2026-02-28T23:30:00"


def test_runs_are_listed_newest_first_with_a_total(app, runner, as_runner):
    upsert(app, runner, as_runner, [run_payload(i) for i in range(5)])
    page = app.get(f"/users/{runner}/runs?per_page=2", headers=as_runner).json
    assert page["total"] == 5
    assert [run["source_id"] for run in page["items"]] == ["1000004", "1000003"]
    second = app.get(f"/users/{runner}/runs?per_page=2&page=3", headers=as_runner).json
    assert [run["source_id"] for run in second["items"]] == ["1000000"]


def test_runs_can_be_sorted_by_distance(app, runner, as_runner):
    upsert(app, runner, as_runner, [run_payload(i, km=km) for i, km in enumerate([5, 21.1, 10])])
    page = app.get(f"/users/{runner}/runs?sort=-distance", headers=as_runner).json
    assert [run["distance_m"] for run in page["items"]] == [21100, 10000, 5000]


def test_date_filters_use_the_local_day(app, runner, as_runner):
    upsert(app, runner, as_runner, [run_payload(i) for i in range(40)])  # 1 March → 9 April
    march = app.get(f"/users/{runner}/runs?month=2026-03&per_page=100", headers=as_runner).json
    assert march["total"] == 31
    window = app.get(f"/users/{runner}/runs?from=2026-03-10&to=2026-03-12", headers=as_runner).json
    assert window["total"] == 3
    both = app.get(f"/users/{runner}/runs?month=2026-04&from=2026-04-05", headers=as_runner).json
    assert both["total"] == 5
    year = app.get(f"/users/{runner}/runs?year=2026&to=2026-03-01", headers=as_runner).json
    assert year["total"] == 1
    assert app.get(f"/users/{runner}/runs?year=2025", headers=as_runner).json["total"] == 0


def test_a_malformed_month_is_refused_with_a_problem(app, runner, as_runner):
    problem = app.get(f"/users/{runner}/runs?month=2026-13", headers=as_runner, status=400)
    assert problem.content_type == "application/problem+json"
    assert "month" in problem.json["detail"]


def test_a_body_that_is_not_utf8_is_a_client_error(app, runner, as_runner):
    headers = {**as_runner, "Content-Type": "application/json"}
    problem = app.post(f"/users/{runner}/runs", b"\xff\xfe{", headers=headers, status=400)
    assert "UTF-8" in problem.json["detail"]


def test_a_run_list_answers_304_to_its_own_etag(app, runner, as_runner):
    upsert(app, runner, as_runner, [run_payload(0)])
    first = app.get(f"/users/{runner}/runs", headers=as_runner)
    etag = first.headers["ETag"]
    again = app.get(f"/users/{runner}/runs", headers={**as_runner, "If-None-Match": etag}, status=304)
    assert again.body == b""
    upsert(app, runner, as_runner, [run_payload(1)])
    changed = app.get(f"/users/{runner}/runs", headers={**as_runner, "If-None-Match": etag})
    assert changed.status_int == 200
    assert changed.headers["ETag"] != etag


def test_a_run_answers_304_until_it_changes(app, runner, as_runner):
    run = app.post_json(f"/users/{runner}/runs", manual_payload(), headers=as_runner).json
    url = f"/users/{runner}/runs/{run['id']}"
    etag = app.get(url, headers=as_runner).headers["ETag"]
    app.get(url, headers={**as_runner, "If-None-Match": etag}, status=304)
    app.patch_json(url, {"name": "Renamed"}, headers=as_runner)
    assert app.get(url, headers={**as_runner, "If-None-Match": etag}).json["name"] == "Renamed"


def test_an_update_with_a_stale_if_match_is_refused(app, runner, as_runner):
    run = app.post_json(f"/users/{runner}/runs", manual_payload(), headers=as_runner).json
    url = f"/users/{runner}/runs/{run['id']}"
    etag = app.get(url, headers=as_runner).headers["ETag"]
    app.patch_json(url, {"name": "First"}, headers={**as_runner, "If-Match": etag})
    app.patch_json(url, {"name": "Second"}, headers={**as_runner, "If-Match": etag}, status=412)
    assert app.get(url, headers=as_runner).json["name"] == "First"


def test_an_update_is_checked_against_the_stored_run(app, runner, as_runner):
    run = app.post_json(f"/users/{runner}/runs", manual_payload(km=10, pace_s=300), headers=as_runner).json
    url = f"/users/{runner}/runs/{run['id']}"
    problem = app.patch_json(url, {"moving_time_s": 999_999}, headers=as_runner, status=400).json
    assert "elapsed_time_s" in problem["detail"]
    assert app.get(url, headers=as_runner).json["moving_time_s"] == 3000


def test_a_misspelt_field_in_an_update_is_refused_and_changes_nothing(app, runner, as_runner):
    run = app.post_json(f"/users/{runner}/runs", manual_payload(km=10), headers=as_runner).json
    url = f"/users/{runner}/runs/{run['id']}"
    problem = app.patch_json(url, {"name": "Long run", "distnce_m": 12000}, headers=as_runner, status=400)
    assert problem.content_type == "application/problem+json"
    assert "'distnce_m' was unexpected" in problem.json["detail"]
    stored = app.get(url, headers=as_runner).json
    assert (stored["name"], stored["distance_m"], stored["version"]) == (run["name"], 10000, 1)


def test_a_manual_run_cannot_claim_a_source(app, runner, as_runner):
    body = {**manual_payload(), "source": "strava", "source_id": "1"}
    problem = app.post_json(f"/users/{runner}/runs", body, headers=as_runner, status=400).json
    assert "('source', 'source_id' were unexpected)" in problem["detail"]
    assert app.get(f"/users/{runner}/runs", headers=as_runner).json["total"] == 0


def test_a_deleted_run_is_gone(app, runner, as_runner):
    run = app.post_json(f"/users/{runner}/runs", manual_payload(), headers=as_runner).json
    url = f"/users/{runner}/runs/{run['id']}"
    app.delete(url, headers=as_runner, status=204)
    app.get(url, headers=as_runner, status=404)


def test_deleting_a_source_leaves_the_other_sources(app, runner, as_runner):
    upsert(app, runner, as_runner, [run_payload(i) for i in range(3)])
    app.post_json(f"/users/{runner}/runs", manual_payload(), headers=as_runner)
    deleted = app.delete(f"/users/{runner}/runs?source=strava", headers=as_runner).json
    assert deleted == {"deleted": 3}
    remaining = app.get(f"/users/{runner}/runs", headers=as_runner).json
    assert [run["source"] for run in remaining["items"]] == ["manual"]


def test_a_manual_run_without_a_time_zone_is_in_the_runners_zone(app, make_runner, tokens):
    runner = make_runner(timezone="Asia/Tokyo")
    body = {"start_time": "2026-03-01T22:00:00Z", "distance_m": 5000, "moving_time_s": 1500}
    run = app.post_json(f"/users/{runner}/runs", body, headers=tokens.user(runner, "runs:write")).json
    assert run["timezone"] == "Asia/Tokyo"
    assert run["start_time_local"] == "2026-03-02T07:00:00"


def test_an_unknown_time_zone_is_refused(app, runner, as_runner):
    problem = app.post_json(
        f"/users/{runner}/runs", manual_payload(timezone="Mars/Olympus"), headers=as_runner, status=400
    ).json
    assert "Mars/Olympus" in problem["detail"]


def test_runs_of_an_unknown_user_are_not_found(app, service):
    app.get("/users/999999/runs", headers=service, status=404)
