"""Every request body is bounded, and a body over its limit is refused before it is read:
a token request carries a few hundred bytes, never megabytes to parse."""

import pytest

from runnerly_core.testing import operations_without_413, stream_request, unbounded_inputs


@pytest.fixture
def in_process(app):
    if app is None:
        pytest.skip("drives the app in-process")
    return app


def test_the_spec_bounds_every_field_of_every_request_body(http):
    spec = http.get("/openapi.json").json
    assert unbounded_inputs(spec) == []
    assert operations_without_413(spec) == []


def test_a_token_request_over_8_kib_is_refused_before_client_authentication(in_process):
    chunks = (b"scope=" + b"a" * 1024 for _ in range(1000))
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    answer = stream_request(in_process, "POST", "/oauth/token", chunks, headers)
    assert answer["status"] == 413
    assert answer["bytes_read"] <= 8192 + 1030


def test_an_overlong_form_field_gets_the_oauth_invalid_request(http):
    answer = http.post("/oauth/token", {"grant_type": "client_credentials", "scope": "a" * 2001}, status=400)
    assert answer.json["error"] == "invalid_request"
