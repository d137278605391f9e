"""Who is who changes during a sync: the token dealer's signing key is rotated and the old
one revoked, or the runner deletes their account while their backfill runs."""

from __future__ import annotations

import time

import requests
from integration.suite import wait_until

from .conftest import assert_every_run_once
from .test_outages import ATHLETE, _start_slow_backfill


def _data_answer(suite, token: str, runner: int) -> int:
    headers = {"Authorization": f"Bearer {token}"}
    return requests.get(f"{suite.data_url}/users/{runner}/runs", headers=headers, timeout=10).status_code


def test_an_account_deleted_during_its_own_backfill_leaves_nothing_and_strava_is_left_alone(suite, worker):
    runner = _start_slow_backfill(suite)
    # What the dashboard does when a runner deletes their account: unlink, then delete.
    unlinked = requests.delete(
        f"{suite.app_url}/users/{runner}/strava", headers=suite.user_headers(runner), timeout=30
    )
    assert unlinked.status_code == 204
    deleted = requests.delete(f"{suite.data_url}/users/{runner}", headers=suite.data_headers(), timeout=10)
    assert deleted.status_code == 204
    suite.sandbox.admin("DELETE", "/faults")
    assert suite.status(runner).status_code == 404
    assert (
        requests.get(
            f"{suite.data_url}/users/{runner}/runs", headers=suite.data_headers(), timeout=10
        ).status_code
        == 404
    )
    settled = _strava_calls_settle(suite)
    assert settled, "Strava is still being called for the deleted account"


# Runs last in this file: the issuer signs with the new key from here on.
def test_a_key_rotated_then_revoked_during_a_sync_loses_nothing_and_the_old_key_stops_working(
    suite, worker, issuer
):
    runner = _start_slow_backfill(suite)
    retired = issuer.rotate()
    wait_until(
        lambda: suite.status(runner).json()["backfill"]["pages"] >= 2, timeout=60, what="a second page"
    )
    issuer.revoke(retired)
    suite.sandbox.admin("DELETE", "/faults")
    suite.wait_for_backfill(runner, timeout=180)
    assert_every_run_once(suite, runner, ATHLETE)
    old = issuer.token_signed_with(retired, "test", audience="runnerly-data", scope="runs:read")
    new = issuer.service_token("test", audience="runnerly-data", scope="runs:read")
    assert _data_answer(suite, new, runner) == 200
    # A revoked key is refused once the services' key cache has aged out (JWKS_ENV: 2 s).
    wait_until(lambda: _data_answer(suite, old, runner) == 401, timeout=20, what="the revoked key refused")


def _strava_calls_settle(suite, quiet_seconds: float = 5, timeout: float = 60) -> bool:
    """True once no Strava API call was made for ``quiet_seconds`` in a row."""
    deadline = time.monotonic() + timeout
    last = suite.sandbox.admin("GET", "/requests").json()["total"]
    while time.monotonic() < deadline:
        time.sleep(quiet_seconds)
        now = suite.sandbox.admin("GET", "/requests").json()["total"]
        if now == last:
            return True
        last = now
    return False
