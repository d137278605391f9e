"""Hostile bytes: valid files mutated at random never cause a 5xx, never leave a job
unfinished, and never write a partial run."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runnerly_import.jobs.processing import import_step

from ..samples import Activity, fit, gpx, gz, run_north, tcx

SOURCE = Activity(run_north(240, speed=3.0, every=4))
VALID = {
    "run.gpx": gpx(SOURCE),
    "run.tcx": tcx(SOURCE),
    "run.fit": fit(SOURCE),
    "run.gpx.gz": gz(gpx(SOURCE)),
}


@st.composite
def mutated(draw) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(VALID)))
    content = bytearray(VALID[name])
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["flip", "truncate", "insert", "delete"]))
        at = draw(st.integers(0, max(len(content) - 1, 0)))
        if action == "flip" and content:
            content[at] ^= draw(st.integers(1, 255))
        elif action == "truncate":
            del content[at:]
        elif action == "insert":
            content[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif content:
            del content[at : at + draw(st.integers(1, 64))]
    return name, bytes(content)


@pytest.fixture(scope="module")
def runner(runners) -> int:
    return runners.new()


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=mutated())
def test_mutated_files_never_cause_a_5xx_nor_a_partial_run(
    client, user_headers, runtime, session, runners, runner, case
):
    name, content = case
    before = {run["id"]: run for run in runners.runs(runner)}
    answer = client.post(
        f"/users/{runner}/imports",
        files=[("file", (name, content, "application/octet-stream"))],
        headers=user_headers(runner),
    )
    assert answer.status_code < 500, answer.text
    if answer.status_code != 202:
        assert answer.headers["content-type"].startswith("application/problem+json")
        return
    (job,) = answer.json()["jobs"]
    for job_ids in runtime.jobs.sent:
        import_step(session, runtime, job_ids)
    runtime.jobs.sent.clear()
    done = client.get(f"/users/{runner}/imports/{job['id']}", headers=user_headers(runner)).json()
    assert done["status"] in ("done", "failed")
    after = {run["id"]: run for run in runners.runs(runner)}
    if done["status"] == "failed":
        assert done["error"]
        assert after.keys() == before.keys()
        return
    run = runners.run(runner, done["run_id"])
    assert run["moving_time_s"] <= run["elapsed_time_s"]
    assert run["distance_m"] >= 0
    assert run["start_time"].startswith(("19", "20"))
    assert set(after) - set(before) <= {done["run_id"]}
