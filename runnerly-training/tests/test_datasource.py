"""The data-service client: its answers as problems, and runs as the model's records."""

from datetime import UTC, timedelta

import pytest

from runnerly_core.upstream import UpstreamNotFound, UpstreamRefused, UpstreamUnavailable
from runnerly_training.datasource import DataSource
from runnerly_training.records import best_efforts, kilometre_times, run_record
from runnerly_training.settings import TrainingSettings

from .fake_data_service import DATA_URL, TOKEN_URL, days_ago
from .runners import run_json


@pytest.fixture
def source(data) -> DataSource:
    """A client of its own, so that no token is cached yet."""
    client = DataSource()
    client.init_app(
        TrainingSettings(data_url=DATA_URL, token_url=TOKEN_URL, client_secret="s3cret-for-tests")
    )
    return client


def test_it_asks_for_its_token_with_its_client_credentials_and_scopes(source, data):
    user_id = data.add_user()
    assert source.user(user_id)["id"] == user_id
    token_request = data.mocker.request_history[0]
    assert token_request.headers["Authorization"].startswith("Basic ")
    assert "audience=runnerly-data" in token_request.text
    assert "scope=users%3Aread+runs%3Aread+races%3Aread+plans%3Aread+plans%3Awrite" in token_request.text


def test_credentials_the_token_dealer_refuses_are_a_502(source, requests_mock):
    requests_mock.post(TOKEN_URL, status_code=401, json={"error": "invalid_client"})
    with pytest.raises(UpstreamRefused, match="refused this service's client credentials"):
        source.user(1)


def test_a_token_dealer_down_is_a_503(source, requests_mock):
    requests_mock.post(TOKEN_URL, status_code=503)
    with pytest.raises(UpstreamUnavailable, match="token dealer answered 503"):
        source.user(1)


@pytest.mark.parametrize(
    ("status", "problem"),
    [
        (404, UpstreamNotFound),
        (429, UpstreamUnavailable),
        (502, UpstreamUnavailable),
        (400, UpstreamRefused),
        (403, UpstreamRefused),
    ],
)
def test_data_service_answers_become_problems(source, data, status, problem):
    data.failure = (status, "Nope.")
    with pytest.raises(problem) as raised:
        source.user(1)
    assert raised.value.status_code == {404: 404, 429: 503, 502: 503}.get(status, 502)


def test_a_refusal_carries_the_data_service_s_reason(source, data):
    data.failure = (400, "runs[3] is on 2027-01-02, after race day.")
    with pytest.raises(UpstreamRefused, match=r"\(400\): runs\[3\] is on 2027-01-02"):
        source.create_plan(1, {})


def test_a_run_deleted_between_list_and_detail_is_left_out(source, data):
    user_id = data.add_user()
    kept = data.add_run(user_id, run_json(days_ago(1), 5.0, 300))
    assert set(source.run_details(user_id, [kept["id"], 9999])) == {kept["id"]}


def test_a_run_record_carries_the_runner_s_local_start():
    run = {**run_json(days_ago(1), 10.0, 300, timezone="America/New_York", hour=23), "id": 7}
    record = run_record(run, run["splits"])
    assert record.id == "7"
    assert record.start_time.utcoffset() in (timedelta(hours=-5), timedelta(hours=-4))
    assert record.day == days_ago(1)
    assert (record.distance_m, record.moving_time_s, record.elapsed_time_s) == (10000.0, 3000.0, 3060.0)
    assert record.split_times_s == (300.0,) * 10
    assert record.average_heart_rate == 150.0


def test_an_unknown_time_zone_falls_back_to_utc():
    run = {**run_json(days_ago(1), 5.0, 300), "id": 1, "timezone": "Mars/Olympus_Mons"}
    assert run_record(run).start_time.tzinfo is UTC


def test_kilometre_times_keep_gps_kilometres_and_leave_out_partial_ones():
    splits = [
        {"distance_m": 1000.0, "moving_time_s": 300},
        {"distance_m": 1020.0, "moving_time_s": 306},
        {"distance_m": 400.0, "moving_time_s": 120},
    ]
    assert kilometre_times(splits) == [300.0, 300.0, None]


def test_best_efforts_are_the_fastest_whole_kilometres_inside_the_run():
    times = [300.0, 250.0, 250.0, 250.0, 300.0, None, 250.0]
    efforts = {effort.distance_m: effort.time_s for effort in best_efforts(times, 7400.0)}
    assert efforts == {3000.0: 750.0, 5000.0: 1350.0}


def test_no_best_effort_is_the_whole_run_again():
    """The run counts as a whole already (a race by its clock time, not its splits')."""
    assert [effort.distance_m for effort in best_efforts([300.0] * 5, 5000.0)] == [3000.0]
    assert [effort.distance_m for effort in best_efforts([300.0] * 5, 5600.0)] == [3000.0, 5000.0]


def test_an_answer_that_is_not_json_is_a_502(source, data, requests_mock):
    requests_mock.get(f"{DATA_URL}/users/3", text="<html>proxy error page</html>")
    with pytest.raises(UpstreamRefused, match="answered 200 without JSON"):
        source.user(3)


def test_a_heart_rate_stream_gives_load_and_zones_sample_by_sample():
    from runnerly_training.model import HeartRateProfile, Sex
    from runnerly_training.model.load import run_load

    run = {**run_json(days_ago(1), 10.0, 300), "id": 3}
    streams = {"time_s": "0,10,20,30", "heartrate": "120,,180,180"}
    record = run_record(run, run["splits"], streams)
    assert [(s.offset_s, s.bpm) for s in record.heart_rate_stream] == [
        (0.0, 120.0),
        (20.0, 180.0),
        (30.0, 180.0),
    ]
    profile = HeartRateProfile(60, 190, Sex.MALE)
    from_stream = run_load(record, profile)
    from_splits = run_load(run_record(run, run["splits"]), profile)
    assert from_stream.trimp != from_splits.trimp  # the stream, not the splits' averages, was used
    assert not from_stream.estimated
