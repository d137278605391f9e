"""The service-to-service client: cached tokens, one retry on 401, ids passed on."""

import pytest

from runnerly_core import logs
from runnerly_core.http import ClientCredentials, ServiceClient, shared_session

TOKEN_URL = "http://tokendealer.test/oauth/token"
DATA = "http://data.test"


@pytest.fixture
def credentials():
    return ClientCredentials(TOKEN_URL, "runnerly-strava", "s3cret")


@pytest.fixture
def client(credentials):
    return ServiceClient(DATA, "runnerly-data", "runs:write", credentials)


def token_answers(requests_mock, *tokens, expires_in=3600):
    requests_mock.post(
        TOKEN_URL,
        [{"json": {"access_token": t, "token_type": "Bearer", "expires_in": expires_in}} for t in tokens],
    )


def test_a_token_is_fetched_once_and_reused(requests_mock, client):
    token_answers(requests_mock, "t1")
    requests_mock.get(f"{DATA}/users/1/runs", json={"items": []})
    client.get("/users/1/runs")
    client.get("/users/1/runs")
    token_calls = [r for r in requests_mock.request_history if r.url == TOKEN_URL]
    assert len(token_calls) == 1
    assert token_calls[0].headers["Authorization"].startswith("Basic ")
    assert "audience=runnerly-data" in token_calls[0].text
    assert requests_mock.last_request.headers["Authorization"] == "Bearer t1"


def test_a_token_near_expiry_is_replaced(requests_mock, client):
    token_answers(requests_mock, "short", "fresh", expires_in=10)  # within the 30 s margin
    requests_mock.get(f"{DATA}/x", json={})
    client.get("/x")
    client.get("/x")
    assert requests_mock.last_request.headers["Authorization"] == "Bearer fresh"


def test_a_401_gets_one_fresh_token_and_one_retry(requests_mock, client):
    token_answers(requests_mock, "revoked", "fresh")
    requests_mock.get(f"{DATA}/x", [{"status_code": 401}, {"json": {"ok": True}}])
    assert client.get("/x").json() == {"ok": True}
    assert requests_mock.last_request.headers["Authorization"] == "Bearer fresh"


def test_a_second_401_is_returned_not_retried_forever(requests_mock, client):
    token_answers(requests_mock, "a", "b", "c")
    requests_mock.get(f"{DATA}/x", status_code=401)
    assert client.get("/x").status_code == 401
    assert len([r for r in requests_mock.request_history if r.url == f"{DATA}/x"]) == 2


def test_the_request_id_is_passed_downstream(requests_mock, client):
    token_answers(requests_mock, "t")
    requests_mock.get(f"{DATA}/x", json={})
    token = logs.bind_request_id("req-42")
    try:
        client.get("/x")
    finally:
        logs.reset_request_id(token)
    assert requests_mock.last_request.headers["X-Request-ID"] == "req-42"


def test_every_call_has_a_timeout(requests_mock, client, monkeypatch):
    token_answers(requests_mock, "t")
    requests_mock.get(f"{DATA}/x", json={})
    seen = {}
    original = shared_session().request

    def spy(method, url, **kwargs):
        seen["timeout"] = kwargs.get("timeout")
        return original(method, url, **kwargs)

    monkeypatch.setattr(shared_session(), "request", spy)
    client.get("/x")
    assert seen["timeout"] is not None


def test_only_idempotent_methods_are_retried():
    retry = shared_session().get_adapter("http://x").max_retries
    assert {"GET", "PUT", "DELETE"} <= set(retry.allowed_methods)
    assert "POST" not in retry.allowed_methods
    assert 503 in retry.status_forcelist
