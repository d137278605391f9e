"""A Strava activity that comes after its file was imported takes over the file's run
(``adopt``) instead of making a second one, once, and keeps updating that run."""

from datetime import UTC, datetime, timedelta

from .factories import run_payload
from .test_bulk_upsert import count_runs, upsert

START = datetime(2026, 3, 1, 7, 30, tzinfo=UTC)


def file_run(source_id: str = "a" * 64, seconds_later: float = 0) -> dict:
    start = START + timedelta(seconds=seconds_later)
    return {**run_payload(source="upload", start=start, name="Morning Run"), "source_id": source_id}


def strava_run(seconds_later: float = 0, km: float = 10.0, **fields) -> dict:
    start = START + timedelta(seconds=seconds_later)
    body = {"source_id": "9001", "name": "Lunch 10k", "adopt": "upload", **fields}
    return {**run_payload(start=start, km=km), **body}


def only_run(app, runner, headers) -> dict:
    items = app.get(f"/users/{runner}/runs", headers=headers).json["items"]
    assert len(items) == 1
    return items[0]


def test_a_strava_run_after_its_file_takes_over_the_file_run(app, runner, service):
    file_id = upsert(app, runner, service, [file_run()]).json["runs"][0]["id"]
    report = upsert(app, runner, service, [strava_run(seconds_later=40, km=10.2)]).json
    assert report["runs"][0] == {"source": "strava", "source_id": "9001", "id": file_id, "outcome": "updated"}
    run = only_run(app, runner, service)
    assert (run["source"], run["source_id"], run["name"], run["version"]) == (
        "strava",
        "9001",
        "Lunch 10k",
        2,
    )


def test_adopting_happens_once_and_later_updates_change_the_same_run(app, runner, service):
    file_id = upsert(app, runner, service, [file_run()]).json["runs"][0]["id"]
    upsert(app, runner, service, [strava_run()])
    again = upsert(app, runner, service, [strava_run()]).json
    renamed = upsert(app, runner, service, [strava_run(name="Renamed on Strava")]).json
    assert again["runs"][0] == {
        "source": "strava",
        "source_id": "9001",
        "id": file_id,
        "outcome": "unchanged",
    }
    assert (renamed["runs"][0]["id"], renamed["runs"][0]["outcome"]) == (file_id, "updated")
    assert only_run(app, runner, service)["name"] == "Renamed on Strava"


def test_a_run_too_far_apart_in_start_or_distance_is_not_adopted(app, runner, service):
    upsert(app, runner, service, [file_run()])
    late = upsert(app, runner, service, [strava_run(seconds_later=61)]).json
    longer = upsert(app, runner, service, [strava_run(km=10.4, source_id="9002")]).json
    assert (late["created"], longer["created"]) == (1, 1)
    assert count_runs(app, runner, service) == 3


def test_without_adopt_a_strava_run_stays_a_run_of_its_own(app, runner, service):
    upsert(app, runner, service, [file_run()])
    plain = strava_run()
    del plain["adopt"]
    assert upsert(app, runner, service, [plain]).json["created"] == 1
    assert count_runs(app, runner, service) == 2


def test_another_runners_file_is_never_adopted(app, make_runner, service):
    owner, other = make_runner(), make_runner()
    upsert(app, owner, service, [file_run()])
    assert upsert(app, other, service, [strava_run()]).json["created"] == 1
    assert only_run(app, owner, service)["source"] == "upload"


def test_of_two_files_the_closest_start_is_adopted_and_the_other_kept(app, runner, service):
    near = file_run(source_id="b" * 64, seconds_later=5)
    ids = [r["id"] for r in upsert(app, runner, service, [file_run(), near]).json["runs"]]
    report = upsert(app, runner, service, [strava_run(seconds_later=4)]).json
    assert report["runs"][0]["id"] == ids[1]
    sources = {r["id"]: r["source"] for r in app.get(f"/users/{runner}/runs", headers=service).json["items"]}
    assert sources == {ids[0]: "upload", ids[1]: "strava"}


def test_a_manual_run_cannot_be_named_for_adoption(app, runner, service):
    problem = upsert(app, runner, service, [strava_run(adopt="manual")], status=400)
    assert problem.content_type == "application/problem+json"
    assert count_runs(app, runner, service) == 0


def file_deferring(**fields) -> dict:
    return {**file_run(source_id="c" * 64, **fields), "match_existing": True}


def test_a_file_of_an_activity_already_there_matches_it_and_writes_nothing(app, runner, service):
    """The file import's check and a Strava sync can cross: under the runner's lock the
    data service finds the Strava run and keeps it, and the file's item is ``matched``."""
    strava = upsert(app, runner, service, [strava_run()]).json["runs"][0]
    report = upsert(app, runner, service, [file_deferring(seconds_later=30)]).json
    assert report["runs"][0] == {
        "source": "upload",
        "source_id": "c" * 64,
        "id": strava["id"],
        "outcome": "matched",
    }
    assert (report["matched"], report["created"]) == (1, 0)
    assert only_run(app, runner, service)["name"] == "Lunch 10k"


def test_a_deferring_file_with_no_twin_is_written_and_its_flag_is_not_content(app, runner, service):
    created = upsert(app, runner, service, [file_deferring()]).json["runs"][0]
    plain = {key: value for key, value in file_deferring().items() if key != "match_existing"}
    again = upsert(app, runner, service, [plain]).json["runs"][0]
    assert (created["outcome"], again["outcome"], again["id"]) == ("created", "unchanged", created["id"])


def test_two_files_of_one_activity_in_one_batch_make_one_run(app, runner, service):
    first, second = {**file_deferring(), "source_id": "d" * 64}, file_deferring(seconds_later=20)
    report = upsert(app, runner, service, [first, second]).json
    assert [r["outcome"] for r in report["runs"]] == ["created", "matched"]
    assert report["runs"][0]["id"] == report["runs"][1]["id"]
    assert count_runs(app, runner, service) == 1


def test_the_strava_run_that_adopts_a_file_keeps_the_files_streams(app, runner, service):
    streams = {"time_s": "0,5,10", "heartrate": "140,150,155"}
    file_id = upsert(app, runner, service, [{**file_run(), "streams": streams}]).json["runs"][0]["id"]
    upsert(app, runner, service, [strava_run()])
    detail = app.get(f"/users/{runner}/runs/{file_id}", headers=service).json
    assert (detail["source"], detail["streams"]) == ("strava", streams)
