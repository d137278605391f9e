"""How long a worker waits before it tries a failed step again."""

from __future__ import annotations

from runnerly_strava.tasks import backoff
from runnerly_strava.worker import WORKER_PUBLISH_RETRY


def test_a_fractional_backoff_setting_gives_delays_within_the_doubling_ceiling():
    delays = [backoff(0.2, retries) for retries in range(6) for _ in range(50)]
    assert all(0 <= delay <= 0.2 * 2**5 for delay in delays)
    assert any(delay != int(delay) for delay in delays)


def test_the_backoff_never_exceeds_its_maximum():
    assert max(backoff(5.0, 20) for _ in range(100)) <= 600


def test_a_worker_waits_through_a_broker_restart_before_giving_up_a_follow_up():
    policy = WORKER_PUBLISH_RETRY
    waits = [
        min(policy["interval_start"] + n * policy["interval_step"], policy["interval_max"])
        for n in range(policy["max_retries"])
    ]
    assert sum(waits) >= 60
