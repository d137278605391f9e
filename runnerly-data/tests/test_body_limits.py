"""Every body and every free-form field is bounded: a bulk upsert cannot carry unbounded
``raw`` payloads or tracks, and an oversized body is refused before it is read."""

import json

import pytest

from runnerly_core.testing import operations_without_413, stream_request, unbounded_inputs

from .factories import run_payload
from .test_bulk_upsert import count_runs, upsert

MIB = 1024 * 1024


def test_the_spec_bounds_every_field_of_every_request_body(app):
    spec = app.get("/openapi.json").json
    assert unbounded_inputs(spec) == []
    assert operations_without_413(spec) == []


def test_a_bulk_body_over_32_mib_is_refused_with_413_before_it_is_read(connexion_app, service, runner):
    chunks = (b" " * MIB for _ in range(40))
    answer = stream_request(
        connexion_app,
        "POST",
        f"/users/{runner}/runs/bulk",
        chunks,
        {**service, "Content-Type": "application/json"},
    )
    assert answer["status"] == 413
    assert answer["bytes_read"] <= 33 * MIB
    assert json.loads(answer["body"])["title"] == "Content Too Large"


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param({f"field{i}": i for i in range(201)}, id="201 fields"),
        pytest.param({"deep": {"deeper": {"deepest": 1}}}, id="three levels"),
        pytest.param({"list": list(range(101))}, id="a list of 101"),
        pytest.param({"text": "x" * 10001}, id="a string of 10,001"),
    ],
)
def test_a_bulk_upsert_refuses_an_unbounded_raw_payload(app, runner, service, raw):
    problem = upsert(app, runner, service, [run_payload(0, raw=raw)], status=400)
    assert problem.content_type == "application/problem+json"
    assert count_runs(app, runner, service) == 0


def test_a_raw_payload_as_strava_gives_it_is_kept(app, runner, service):
    raw = {
        "id": 9,
        "name": "Morning Run",
        "map": {"summary_polyline": "abc", "id": "a9"},
        "start_latlng": [51.5, -0.1],
    }
    raw["location_city"] = None
    report = upsert(app, runner, service, [run_payload(0, raw=raw)]).json
    assert report["created"] == 1


def test_a_polyline_longer_than_a_100_mile_track_is_refused(app, runner, service):
    upsert(app, runner, service, [run_payload(0, polyline="a" * 1_000_001)], status=400)
    assert count_runs(app, runner, service) == 0


def test_a_full_resolution_track_of_a_100_mile_run_fits(app, runner, service):
    # 30 hours at one point a second, about 8 characters a point once encoded.
    track = "_p~iF~ps|U" * 86_400
    assert len(track) < 1_000_000
    report = upsert(app, runner, service, [run_payload(0, polyline=track)]).json
    assert report["created"] == 1


def test_splits_and_laps_refuse_fields_they_do_not_know(app, runner, service):
    split = {"distance_m": 1000, "moving_time_s": 300, "notes": "x" * 100_000}
    upsert(app, runner, service, [run_payload(0, splits=[split])], status=400)
    assert count_runs(app, runner, service) == 0
