"""Core's ASGI middlewares on their own: complete Allow headers, paths with control
characters, and request metrics per operation."""

import json

import pytest
from prometheus_client import REGISTRY

from runnerly_core.allow import AllowHeaderMiddleware
from runnerly_core.metrics import MetricsMiddleware
from runnerly_core.paths import ControlCharacterPathMiddleware
from runnerly_core.testing import stream_request

SPEC = {
    "paths": {
        "/users": {"get": {}, "post": {}},
        "/users/{user_id}": {"parameters": [], "get": {}, "delete": {}, "patch": {}},
    }
}


def answering(status: int, headers=(), operation_id: str | None = None):
    """An app that answers ``status``, as Connexion's router would, naming the operation."""

    async def app(scope, receive, send):
        if operation_id:
            scope["extensions"]["connexion_routing"] = {"operation_id": operation_id}
        await send({"type": "http.response.start", "status": status, "headers": list(headers)})
        await send({"type": "http.response.body", "body": b""})

    return app


def test_a_405_lists_every_method_the_spec_has_for_the_path():
    app = AllowHeaderMiddleware(answering(405, [(b"allow", b"POST")]), spec=SPEC)
    answer = stream_request(app, "PUT", "/users", [])
    assert answer["headers"]["allow"] == "GET, POST"


def test_a_405_on_a_templated_path_matches_its_template():
    app = AllowHeaderMiddleware(answering(405), spec=SPEC)
    answer = stream_request(app, "POST", "/users/42", [])
    assert answer["headers"]["allow"] == "DELETE, GET, PATCH"


def test_other_answers_keep_their_headers():
    app = AllowHeaderMiddleware(answering(200, [(b"allow", b"GET")]), spec=SPEC)
    assert stream_request(app, "GET", "/users", [])["headers"]["allow"] == "GET"


@pytest.mark.parametrize("path", ["/users\n", "/users/1\x00", "/users/1\r"])
def test_a_path_with_a_control_character_is_a_404_problem_before_routing(path):
    reached = []

    async def router(scope, receive, send):
        reached.append(scope["path"])

    answer = stream_request(ControlCharacterPathMiddleware(router), "GET", path, [])
    assert answer["status"] == 404
    assert answer["headers"]["content-type"] == "application/problem+json"
    assert json.loads(answer["body"])["detail"] == "No resource has a path with control characters."
    assert reached == []


def test_a_plain_path_is_passed_on():
    app = ControlCharacterPathMiddleware(answering(204))
    assert stream_request(app, "GET", "/users/1", [])["status"] == 204


def count(service: str, operation: str, status: str) -> float:
    labels = {"service": service, "method": "GET", "operation": operation, "status": status}
    return REGISTRY.get_sample_value("runnerly_http_requests_total", labels) or 0.0


def test_metrics_count_requests_by_operation_and_status():
    app = MetricsMiddleware(answering(404, operation_id="runnerly_x.users.get_user"), service="runnerly-x")
    before = count("runnerly-x", "runnerly_x.users.get_user", "404")
    stream_request(app, "GET", "/users/1", [])
    stream_request(app, "GET", "/users/2", [])
    assert count("runnerly-x", "runnerly_x.users.get_user", "404") == before + 2


def test_metrics_count_a_request_no_operation_matched_as_unrouted():
    app = MetricsMiddleware(answering(404), service="runnerly-y")
    before = count("runnerly-y", "unrouted", "404")
    stream_request(app, "GET", "/nowhere", [])
    assert count("runnerly-y", "unrouted", "404") == before + 1


def test_metrics_count_a_crash_as_a_500():
    async def crashing(scope, receive, send):
        raise RuntimeError("boom")

    app = MetricsMiddleware(crashing, service="runnerly-z")
    before = count("runnerly-z", "unrouted", "500")
    with pytest.raises(RuntimeError):
        stream_request(app, "GET", "/users", [])
    assert count("runnerly-z", "unrouted", "500") == before + 1
