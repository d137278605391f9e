"""Body size limits: refused with 413 problem+json before the body is read whole."""

import json

import pytest

from runnerly_core.forwarded import ForwardedPrefixMiddleware
from runnerly_core.limits import DEFAULT_BODY_LIMIT, BodyLimitMiddleware, body_limits
from runnerly_core.testing import stream_request

MIB = 1024 * 1024
SPEC = {
    "x-body-limit": 1000,
    "paths": {
        "/events": {"post": {"x-body-limit": 100}, "get": {}},
        "/users/{user_id}/runs": {"parameters": [], "post": {"x-body-limit": 5000}},
        "/notes": {"post": {}},
    },
}


class Handler:
    """The app behind the middleware: records the body it was given."""

    def __init__(self) -> None:
        self.bodies = []

    async def __call__(self, scope, receive, send) -> None:
        body, more = b"", True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        self.bodies.append(body)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


@pytest.fixture
def handler():
    return Handler()


@pytest.fixture
def app(handler):
    return BodyLimitMiddleware(handler, spec=SPEC)


def megabytes(count: int, chunk: int = 64 * 1024):
    return (b"x" * chunk for _ in range(count * MIB // chunk))


def test_it_refuses_a_declared_length_over_the_limit_without_reading_a_byte(app, handler):
    answer = stream_request(app, "POST", "/events", megabytes(40), {"Content-Length": str(40 * MIB)})
    assert answer["status"] == 413
    assert answer["bytes_read"] == 0
    assert handler.bodies == []


def test_it_refuses_a_chunked_body_once_it_passes_the_limit(app, handler):
    answer = stream_request(app, "POST", "/events", megabytes(40, chunk=64))
    assert answer["status"] == 413
    assert answer["bytes_read"] <= 100 + 64  # the limit, and the chunk that crossed it
    assert handler.bodies == []


def test_the_refusal_is_a_problem_that_names_the_limit(app):
    answer = stream_request(app, "POST", "/events", [b"x" * 101])
    assert answer["headers"]["content-type"] == "application/problem+json"
    problem = json.loads(answer["body"])
    assert problem["status"] == 413
    assert problem["title"] == "Content Too Large"
    assert "100 bytes" in problem["detail"]


def test_a_chunked_body_within_the_limit_reaches_the_handler_whole(app, handler):
    answer = stream_request(app, "POST", "/events", [b"a" * 40, b"b" * 60])
    assert answer["status"] == 200
    assert handler.bodies == [b"a" * 40 + b"b" * 60]


def test_a_declared_length_within_the_limit_is_passed_through(app, handler):
    answer = stream_request(app, "POST", "/users/7/runs", [b"r" * 4000], {"Content-Length": "4000"})
    assert answer["status"] == 200
    assert handler.bodies == [b"r" * 4000]


def test_an_operation_without_a_limit_takes_the_services(app):
    assert stream_request(app, "POST", "/notes", [b"n" * 1000])["status"] == 200
    assert stream_request(app, "POST", "/notes", [b"n" * 1001])["status"] == 413


def test_a_path_no_operation_matches_takes_the_services_limit(app):
    assert stream_request(app, "PUT", "/nowhere", [b"n" * 1001])["status"] == 413


def test_a_spec_without_limits_gets_the_core_default():
    table = body_limits({"paths": {"/x": {"post": {}}}})
    assert [limit for _, _, limit in table] == [DEFAULT_BODY_LIMIT]


def test_behind_the_gateway_an_operation_keeps_its_own_limit(handler):
    """The gateway's prefix becomes the start of the path (ForwardedPrefixMiddleware runs
    first): the operation is still found, and its 5000 bytes apply, not the service's 1000."""
    app = ForwardedPrefixMiddleware(BodyLimitMiddleware(handler, spec=SPEC))
    headers = {"Content-Length": "4000", "X-Forwarded-Prefix": "/api/data"}

    answer = stream_request(app, "POST", "/users/7/runs", [b"r" * 4000], headers)

    assert answer["status"] == 200
    assert handler.bodies == [b"r" * 4000]
