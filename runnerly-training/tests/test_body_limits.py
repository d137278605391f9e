"""Every request body is bounded, and a body over its limit is refused before it is read."""

from runnerly_core.testing import operations_without_413, stream_request, unbounded_inputs


def test_the_spec_bounds_every_field_of_every_request_body(app):
    spec = app.get("/openapi.json").json
    assert unbounded_inputs(spec) == []
    assert operations_without_413(spec) == []


def test_an_estimate_over_64_kib_is_refused_before_authentication(connexion_app):
    chunks = (b" " * 1024 for _ in range(10_000))
    answer = stream_request(
        connexion_app, "POST", "/fitness/estimate", chunks, {"Content-Type": "application/json"}
    )
    assert answer["status"] == 413
    assert answer["bytes_read"] <= 65 * 1024
