"""A run keeps its heart-rate and cadence streams (for zones and TRIMP), bounded, and
hands them back with the run's detail; a stream that contradicts its times is refused."""

import pytest

from .factories import run_payload
from .test_bulk_upsert import count_runs, upsert

STREAMS = {"time_s": "0,5,10,15", "heartrate": "141,,150,152", "cadence": "84,86,85,85"}


def test_a_run_keeps_its_streams_and_its_detail_shows_them(app, runner, service):
    report = upsert(app, runner, service, [run_payload(0, streams=STREAMS)]).json
    run_id = report["runs"][0]["id"]
    detail = app.get(f"/users/{runner}/runs/{run_id}", headers=service).json
    assert detail["streams"] == STREAMS


def test_a_run_sent_again_without_streams_keeps_them_and_null_clears_them(app, runner, service):
    """The Strava sync sends no streams: its updates of a run that has a file's streams
    must not erase them."""
    upsert(app, runner, service, [run_payload(0, streams=STREAMS)])
    run_id = upsert(app, runner, service, [run_payload(0, name="Renamed")]).json["runs"][0]["id"]
    kept = app.get(f"/users/{runner}/runs/{run_id}", headers=service).json
    upsert(app, runner, service, [run_payload(0, streams=None)])
    cleared = app.get(f"/users/{runner}/runs/{run_id}", headers=service).json
    assert (kept["name"], kept["streams"], cleared["streams"]) == ("Renamed", STREAMS, None)


@pytest.mark.parametrize(
    "streams",
    [
        pytest.param({"time_s": "0,5,10", "heartrate": "140,141"}, id="fewer values than times"),
        pytest.param({"time_s": "0,10,5", "heartrate": "140,141,142"}, id="time going back"),
        pytest.param({"time_s": "0,5", "heartrate": "140,251"}, id="a heart rate over 250"),
        pytest.param({"time_s": "0,5", "cadence": "80,x"}, id="not a number"),
        pytest.param({"heartrate": "140,141"}, id="no times"),
        pytest.param({"time_s": ",".join(map(str, range(20_001)))}, id="20,001 samples"),
        pytest.param({"time_s": "0,5", "power": "200,210"}, id="a stream it does not know"),
    ],
)
def test_streams_that_contradict_themselves_refuse_the_batch_and_store_nothing(app, runner, service, streams):
    problem = upsert(app, runner, service, [run_payload(0, streams=streams)], status=400)
    assert problem.content_type == "application/problem+json"
    assert count_runs(app, runner, service) == 0
