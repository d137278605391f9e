"""A full-history backfill through RabbitMQ workers, against the sandbox and the real data service."""

from __future__ import annotations

import math

from kombu import Connection, Queue
from sqlalchemy import select

from runnerly_core.events import RUNS_CHANGED, exchange
from runnerly_core.testing import TEST_EXCHANGE
from runnerly_strava.links.models import Link
from runnerly_strava.sync.models import OutboxEvent

from .suite import wait_until


def test_a_backfill_imports_exactly_the_athletes_runs_in_few_calls(suite, worker, broker_url):
    with _events_probe(broker_url) as probe:
        runner = suite.new_runner()
        suite.sandbox.admin("DELETE", "/requests")
        assert suite.link(runner, athlete_id=1).status_code == 201
        status = suite.wait_for_backfill(runner)
        runs = suite.strava_runs(runner)
        stats = suite.athlete_stats(1)
        assert stats["activities"] == 1000
        assert len(runs) == stats["runs"] == status["backfill"]["done"] == status["backfill"]["total"]
        assert len({run["source_id"] for run in runs}) == len(runs)
        assert {run["sport_type"] for run in runs} <= {"Run", "TrailRun", "VirtualRun"}
        private_ids = _private_activity_ids(suite, 1)
        assert private_ids
        assert private_ids <= {run["source_id"] for run in runs}
        # Every batch announced once; matched by event id, since other suites may share the broker.
        sent = _outbox_events(suite, runner)
        assert sorted(run_id for event in sent for run_id in event["run_ids"]) == sorted(
            r["id"] for r in runs
        )
        received = set()
        wait_until(
            lambda: _received(probe, received) >= {e["event_id"] for e in sent}, timeout=15, what="events"
        )
        # Strava calls for a backfill of N summaries: at most ceil(N / 200) + 3.
        calls = _strava_calls(suite)
        assert sum(calls.values()) <= math.ceil(1000 / 200) + 3, calls


def test_running_the_backfill_again_adds_nothing(suite, worker):
    runner = suite.new_runner()
    suite.link(runner, athlete_id=2)
    suite.wait_for_backfill(runner)
    before = {run["source_id"]: run["version"] for run in suite.strava_runs(runner)}
    _restart_backfill(suite, runner)
    suite.wait_for_backfill(runner)
    after = {run["source_id"]: run["version"] for run in suite.strava_runs(runner)}
    assert after == before


def _restart_backfill(suite, user_id: int) -> None:
    with suite.runtime.sessions() as session:
        link = session.get(Link, user_id)
        link.backfill_state, link.backfill_before, link.backfill_runs = "pending", None, 0
        session.commit()
    suite.runtime.jobs.backfill(user_id, None)


def _strava_calls(suite) -> dict[str, int]:
    """Requests our service made to Strava (the athlete's consent page is not one of them)."""
    counts = suite.sandbox.admin("GET", "/requests").json()["by_endpoint"]
    return {endpoint: n for endpoint, n in counts.items() if "/oauth/authorize" not in endpoint}


def _private_activity_ids(suite, athlete_id: int) -> set[str]:
    store = suite.sandbox.sandbox.activities
    return {str(a.id) for a in store.of_athlete(athlete_id, True) if a.private and a.is_run}


class _events_probe:
    """A queue bound to runs.changed for the length of a test."""

    def __init__(self, broker_url: str) -> None:
        self.connection = Connection(broker_url)
        self.queue = Queue(
            f"probe-{id(self)}", exchange=exchange(TEST_EXCHANGE), routing_key=RUNS_CHANGED, auto_delete=False
        )

    def __enter__(self):
        self.queue(self.connection.default_channel).declare()
        return self

    def __exit__(self, *exc) -> None:
        self.queue(self.connection.default_channel).delete()
        self.connection.close()


def _outbox_events(suite, user_id: int) -> list[dict]:
    with suite.runtime.sessions() as session:
        bodies = [event.body for event in session.scalars(select(OutboxEvent))]
    return [body for body in bodies if body["user_id"] == user_id]


def _received(probe: _events_probe, received: set[str]) -> set[str]:
    received.update(event["event_id"] for event in _drain(probe))
    return received


def _drain(probe: _events_probe) -> list[dict]:
    bound = probe.queue(probe.connection.default_channel)
    bodies = []
    while (message := bound.get(no_ack=True)) is not None:
        bodies.append(message.decode())
    return bodies
