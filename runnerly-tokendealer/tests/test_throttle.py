"""Failed client authentication is throttled per client name and per address, in the
database, so that every worker and replica counts the same failures."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete
from sqlalchemy.orm import Session

from runnerly_core.db import make_engine
from runnerly_tokendealer.clients import throttle
from runnerly_tokendealer.clients.models import AuthFailure
from runnerly_tokendealer.extensions import db
from tests.helpers import RegisteredClient, assert_oauth_error

pytestmark = pytest.mark.in_process


def fail(oauth, client_id: str, address: str):
    response = oauth.token(RegisteredClient(client_id, "wrong"), address=address)
    assert_oauth_error(response, 401, "invalid_client")


def assert_throttled(response, window: int) -> None:
    assert response.status_int == 429, response.text
    assert response.json["error"] == "temporarily_unavailable"
    assert 0 < int(response.headers["Retry-After"]) <= window
    assert response.headers["Cache-Control"] == "no-store"


def test_a_client_name_is_throttled_after_repeated_failures_from_any_address(clients, oauth, settings):
    target, bystander = clients.add(), clients.add()
    for number in range(settings.client_failure_limit):
        fail(oauth, target.client_id, address=f"10.0.0.{number}")

    # Refused without the secret being checked, even the right one, from a fresh address.
    assert_throttled(oauth.token(target, address="10.1.1.1"), settings.failure_window_seconds)
    assert oauth.token(bystander, address="10.1.1.1").status_int == 200


def test_an_address_is_throttled_after_repeated_failures_under_any_name(clients, oauth, settings):
    client = clients.add()
    for number in range(settings.address_failure_limit):
        fail(oauth, f"guess-{number}", address="192.0.2.7")

    assert_throttled(oauth.token(client, address="192.0.2.7"), settings.failure_window_seconds)
    assert oauth.token(client, address="192.0.2.8").status_int == 200


def test_failures_below_the_limit_do_not_throttle(clients, oauth, settings):
    client = clients.add()
    for _ in range(settings.client_failure_limit - 1):
        fail(oauth, client.client_id, address="198.51.100.1")

    assert oauth.token(client, address="198.51.100.1").status_int == 200


LIMITS = throttle.Limits(per_client=3, per_address=100, window=timedelta(minutes=5))


def test_failures_leave_the_window(app):
    attempt = throttle.Attempt("runnerly-data", "203.0.113.5")
    now = datetime.now(UTC)
    with db.new_session() as session:
        for _ in range(3):
            throttle.record_failure(session, attempt, LIMITS, now=now - timedelta(minutes=4))
        assert throttle.retry_after(session, attempt, LIMITS, now=now) == 60
        assert throttle.retry_after(session, attempt, LIMITS, now=now + timedelta(minutes=1)) is None


def test_workers_with_their_own_connections_count_the_same_failures(app, settings):
    # Two engines stand for two gunicorn workers (or replicas); nothing is shared in memory.
    attempt = throttle.Attempt("runnerly-shared", "203.0.113.9")
    first, second = make_engine(settings.database_url), make_engine(settings.database_url)
    try:
        with Session(first) as session:
            for _ in range(3):
                throttle.record_failure(session, attempt, LIMITS)
        with Session(second) as session:
            assert throttle.retry_after(session, attempt, LIMITS) is not None
    finally:
        with Session(first) as session, session.begin():
            session.execute(
                delete(AuthFailure).where(AuthFailure.key.in_([k for k, _ in attempt.keys(LIMITS)]))
            )
        first.dispose()
        second.dispose()
