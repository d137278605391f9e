"""Health and metrics endpoints."""

import json

import pytest


def test_it_is_live(http):
    assert http.get("/health/live").json == {"status": "ok"}


def test_it_is_ready_when_the_database_and_a_signing_key_answer(http):
    response = http.get("/health/ready")

    assert response.json["checks"] == {"database": "ok", "signing_key": "ok"}


@pytest.mark.in_process
def test_it_is_not_ready_when_the_signing_key_cannot_be_loaded(http, key_store):
    manifest = key_store.directory / "keys.json"
    data = json.loads(manifest.read_text())
    data["keys"][0]["kid"] = "missing"
    manifest.unlink()
    manifest.write_text(json.dumps(data))

    response = http.get("/health/ready", status=503)

    assert response.content_type == "application/problem+json"
    assert response.json["checks"]["signing_key"].startswith("failed")


def test_it_serves_prometheus_metrics(http):
    http.get("/health/live")

    response = http.get("/metrics")

    assert response.content_type == "text/plain"
    assert "runnerly_http_requests_total" in response.text
