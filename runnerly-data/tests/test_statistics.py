"""Weekly and monthly totals, and personal records."""

from datetime import UTC, datetime

from .factories import run_payload, splits


def upsert(app, user_id, headers, runs):
    return app.post_json(f"/users/{user_id}/runs/bulk", {"runs": runs}, headers=headers).json


def test_weekly_totals_add_up_runs_and_fill_empty_weeks(app, runner, as_runner):
    # Mon 2 Mar, Wed 4 Mar, then Mon 16 Mar 2026: the week of 9 March is empty.
    days = [datetime(2026, 3, d, 7, tzinfo=UTC) for d in (2, 4, 16)]
    upsert(app, runner, as_runner, [run_payload(i, start=day, km=10) for i, day in enumerate(days)])
    totals = app.get(f"/users/{runner}/stats/weekly?from=2026-03-02&to=2026-03-22", headers=as_runner).json
    rows = [(row["start"], row["runs"], row["distance_m"]) for row in totals["totals"]]
    assert rows == [("2026-03-02", 2, 20000.0), ("2026-03-09", 0, 0.0), ("2026-03-16", 1, 10000.0)]


def test_monthly_totals_cut_on_the_local_day(app, runner, as_runner):
    # 31 March 23:30 UTC is already 1 April in Paris.
    late = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
    upsert(app, runner, as_runner, [run_payload(0, start=late, timezone="Europe/Paris")])
    totals = app.get(f"/users/{runner}/stats/monthly?from=2026-03-01&to=2026-04-30", headers=as_runner).json
    assert [(row["start"], row["runs"]) for row in totals["totals"]] == [("2026-03-01", 0), ("2026-04-01", 1)]


def test_a_range_over_ten_years_is_cut_to_the_last_ten(app, runner, as_runner):
    totals = app.get(f"/users/{runner}/stats/monthly?from=2000-01-01&to=2026-01-31", headers=as_runner).json
    assert totals["totals"][0]["start"] == "2016-01-01"
    assert len(totals["totals"]) == 121


def test_records_come_from_the_fastest_stretch_inside_runs(app, runner, as_runner):
    # A 10 km at 5:00/km whose 4th km took 3:50; and a half marathon at 4:40/km.
    ten = run_payload(0, km=10, pace_s=300, splits=splits(10, 300, {4: 230}))
    ten["moving_time_s"] = sum(s["moving_time_s"] for s in ten["splits"])
    ten["elapsed_time_s"] = ten["moving_time_s"]
    half = run_payload(1, km=21.0975, pace_s=280)
    report = upsert(app, runner, as_runner, [ten, half])
    ids = [run["id"] for run in report["runs"]]
    records = {r["name"]: r for r in app.get(f"/users/{runner}/records", headers=as_runner).json["records"]}
    assert (records["1k"]["time_s"], records["1k"]["run_id"]) == (230, ids[0])
    assert (records["5k"]["time_s"], records["5k"]["run_id"]) == (1400, ids[1])  # 5 x 280
    assert (records["10k"]["time_s"], records["10k"]["run_id"]) == (2800, ids[1])
    assert records["half_marathon"]["run_id"] == ids[1]
    assert "marathon" not in records
    assert (records["longest_run"]["run_id"], records["longest_run"]["distance_m"]) == (ids[1], 21097.5)


def test_a_run_without_splits_counts_only_near_the_record_distance(app, runner, as_runner):
    near = run_payload(0, km=5.1, pace_s=240, splits=None)
    far = run_payload(1, km=8, pace_s=200, splits=None)
    upsert(app, runner, as_runner, [near, far])
    records = {r["name"]: r for r in app.get(f"/users/{runner}/records", headers=as_runner).json["records"]}
    assert records["5k"]["time_s"] == 1200.0  # 5.1 km in 1224 s, prorated to 5 km


def test_other_sports_set_no_running_record(app, runner, as_runner):
    upsert(app, runner, as_runner, [run_payload(0, km=40, pace_s=120, sport_type="Ride")])
    records = app.get(f"/users/{runner}/records", headers=as_runner).json["records"]
    assert records == []


def test_the_pace_duration_curve_sets_this_season_against_all_time(app, runner, as_runner):
    # Last season a fast 10 km at 4:30/km; this season a 5 km at 5:00/km whose 2nd km took 4:00.
    old = run_payload(0, start=datetime(2025, 6, 1, 8, tzinfo=UTC), km=10, pace_s=270)
    new = run_payload(
        1, start=datetime(2026, 6, 1, 8, tzinfo=UTC), km=5, pace_s=300, splits=splits(5, 300, {2: 240})
    )
    new["moving_time_s"] = sum(s["moving_time_s"] for s in new["splits"])
    ids = [run["id"] for run in upsert(app, runner, as_runner, [old, new])["runs"]]
    curves = app.get(f"/users/{runner}/best-efforts?from=2026-01-01", headers=as_runner).json
    all_time = {e["distance_m"]: e for e in curves["all_time"]}
    season = {e["distance_m"]: e for e in curves["season"]}
    assert (season[1000]["time_s"], season[1000]["run_id"]) == (240, ids[1])
    assert (all_time[1000]["time_s"], all_time[1000]["run_id"]) == (240, ids[1])
    assert (all_time[5000]["pace_s_per_km"], all_time[5000]["run_id"]) == (270, ids[0])
    assert 10000 in all_time
    assert 10000 not in season
    assert season[5000]["time_s"] == 1440  # 4 x 300 + 240


def test_the_heat_map_gets_the_tracks_of_runs_that_have_one(app, runner, as_runner, tokens, make_runner):
    tracked = run_payload(0, polyline="_p~iF~ps|U_ulLnnqC_mqNvxq`@")
    ids = [run["id"] for run in upsert(app, runner, as_runner, [tracked, run_payload(1)])["runs"]]
    routes = app.get(f"/users/{runner}/routes", headers=as_runner).json["routes"]
    assert routes == [{"run_id": ids[0], "polyline": "_p~iF~ps|U_ulLnnqC_mqNvxq`@"}]
    other = tokens.user(make_runner(), "runs:read")
    app.get(f"/users/{runner}/routes", headers=other, status=403)
