"""Limits: request rate with burst per client address, per token subject and per route;
concurrent connections; body size. A refused request gets 429, Retry-After and
problem+json, and traffic passes again once the bucket has drained."""

import base64
import json
import threading
import time

import pytest


def bearer(subject: str) -> dict[str, str]:
    """An unsigned-looking JWT: the gateway only reads its subject (the services verify)."""
    payload = base64.urlsafe_b64encode(json.dumps({"sub": subject}).encode()).rstrip(b"=").decode()
    return {"Authorization": f"Bearer eyJhbGciOiJSUzI1NiJ9.{payload}.c2lnbmF0dXJl"}


def statuses(gateway, path: str, count: int, method: str = "GET", **kwargs) -> list[int]:
    return [gateway.request(method, path, **kwargs).status_code for _ in range(count)]


def assert_refused_as_too_many(answer, retry_after: str) -> None:
    assert answer.status_code == 429
    assert answer.headers["Retry-After"] == retry_after
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert answer.json()["status"] == 429
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


@pytest.fixture
def per_address(make_gateway):
    return make_gateway(RATE_ADDRESS="1r/s", BURST_ADDRESS="4")


def test_a_burst_passes_and_more_gets_429_with_retry_after(per_address):
    assert statuses(per_address, "/api/training/x", 5) == [200] * 5

    assert_refused_as_too_many(per_address.get("/api/training/x"), retry_after="1")


def test_traffic_passes_again_after_the_window(per_address):
    statuses(per_address, "/api/training/x", 6)
    assert per_address.get("/api/training/x").status_code == 429

    time.sleep(1.1)  # at 1r/s the bucket lets one more through after a second

    assert statuses(per_address, "/api/training/x", 2) == [200, 429]


def test_static_assets_and_health_count_too(per_address):
    assert 429 in statuses(per_address, "/", 6) + statuses(per_address, "/health", 1)


def test_each_token_subject_has_its_own_bucket(make_gateway):
    gateway = make_gateway(RATE_SUBJECT="1r/s", BURST_SUBJECT="2")

    assert statuses(gateway, "/api/training/x", 3, headers=bearer("41")) == [200] * 3
    assert_refused_as_too_many(gateway.get("/api/training/x", headers=bearer("41")), retry_after="1")

    assert gateway.get("/api/training/x", headers=bearer("42")).status_code == 200
    assert gateway.get("/api/training/x").status_code == 200  # no token: the address bucket only


def test_login_sign_up_and_reset_have_a_stricter_limit(make_gateway):
    gateway = make_gateway(RATE_AUTH="6r/m", BURST_AUTH="2")

    assert statuses(gateway, "/api/auth/login", 3, method="POST", json={"email": "a@b.c"}) == [200] * 3
    assert_refused_as_too_many(gateway.post("/api/auth/signup", json={}), retry_after="10")
    assert gateway.post("/api/password/reset", json={}).status_code == 429  # the same bucket
    assert gateway.post("/api/strava/login", json={}).status_code == 429
    assert gateway.get("/api/me/runs").status_code == 200  # other routes are not held back


def test_the_token_endpoint_has_the_stricter_limit(make_gateway):
    gateway = make_gateway(RATE_AUTH="6r/m", BURST_AUTH="1")

    assert statuses(gateway, "/api/tokendealer/oauth/token", 2, method="POST") == [200, 200]
    assert_refused_as_too_many(gateway.post("/api/tokendealer/oauth/token"), retry_after="10")
    assert gateway.get("/api/tokendealer/.well-known/jwks.json").status_code == 200


def test_the_strict_routes_are_configurable(make_gateway):
    gateway = make_gateway(RATE_AUTH="6r/m", BURST_AUTH="1", AUTH_PATHS="^/api/magic-link")

    assert statuses(gateway, "/api/magic-link", 3, method="POST") == [200, 200, 429]
    assert statuses(gateway, "/api/auth/login", 3, method="POST") == [200, 200, 200]


def test_concurrent_connections_per_address_are_bounded(make_gateway, upstreams):
    gateway = make_gateway(CONNECTIONS_ADDRESS="2")
    held = upstreams["training"].sleepers
    slow = [threading.Thread(target=gateway.get, args=("/api/training/x?sleep=4",)) for _ in range(2)]
    for thread in slow:
        thread.start()
    deadline = time.monotonic() + 3
    while held.count < 2 and time.monotonic() < deadline:
        time.sleep(0.01)

    refused = gateway.get("/api/training/quick")
    for thread in slow:
        thread.join()

    assert refused.status_code == 429
    assert refused.headers["Content-Type"] == "application/problem+json"
    assert gateway.get("/api/training/quick").status_code == 200  # released when they end


@pytest.fixture
def small_bodies(make_gateway):
    return make_gateway(BODY_LIMIT="8k", UPLOAD_BODY_LIMIT="64k")


def test_a_body_over_the_limit_gets_413_problem_json(small_bodies):
    answer = small_bodies.post(
        "/api/training/x", data=b"x" * 16 * 1024, headers={"Content-Type": "text/plain"}
    )

    assert answer.status_code == 413
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert answer.headers["X-Frame-Options"] == "DENY"


# The dashboard's upload route (POST /api/imports), and addresses of the upload prefixes
# that no spec names (so no route's methods stand in the way of a POST).
@pytest.mark.parametrize("path", ["/api/import/files", "/api/uploads", "/api/imports"])
def test_uploads_have_a_larger_limit(small_bodies, path):
    gpx = (
        b"<?xml version='1.0'?><gpx><trk><trkseg>"
        + b"<trkpt lat='51.5' lon='-0.1'/>" * 1000
        + b"</trkseg></trk></gpx>"
    )
    files = {"file": ("run.gpx", gpx, "application/gpx+xml")}

    assert small_bodies.post(path, files=files).status_code == 200
    assert small_bodies.post(path, files={"file": ("big.gpx", gpx * 3)}).status_code == 413


def test_the_webhook_takes_only_small_bodies(gateway):
    event = {"aspect_type": "update", "updates": {"title": "x" * 32 * 1024}}

    assert gateway.post("/api/strava/webhook/secret-segment", json=event).status_code == 413


@pytest.mark.parametrize("method", ["TRACE", "QUERY"])
def test_methods_refused_before_any_route_count_too(per_address, method):
    """Their 405 asks the service for Allow: a flood of them must not reach it unlimited."""
    answers = statuses(per_address, "/api/data/users/1/runs", 6, method=method)

    assert answers[:5] == [405] * 5
    assert_refused_as_too_many(per_address.request(method, "/api/data/users/1/runs"), retry_after="1")
