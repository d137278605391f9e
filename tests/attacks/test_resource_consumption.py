"""API4:2023 Unrestricted Resource Consumption: pages, bodies and uploads past their limits
are answered 4xx at the gateway or the service, before any work is done."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import pytest

OVERSIZED_UPLOAD = 65 * 1024 * 1024  # past the gateway's upload limit (64m)
OVERSIZED_BODY = 2 * 1024 * 1024  # past every other route's limit (1m)


@pytest.mark.parametrize(
    ("service", "path"),
    [
        ("data", "/users/{user}/runs"),
        ("data", "/races"),
        ("import", "/users/{user}/imports"),
    ],
)
def test_a_page_larger_than_the_maximum_is_refused(alice, service, path):
    answer = alice.api("GET", service, path.format(user=alice.id), params={"per_page": 100_000})
    assert answer.status_code == 400, answer.text
    assert answer.headers["Content-Type"].startswith("application/problem+json")


def test_the_dashboards_page_size_is_bounded_too(alice):
    answer = alice.dashboard("GET", "/api/runs", params={"per_page": 100_000})
    assert answer.status_code == 400, answer.text


def test_a_json_body_past_the_limit_is_refused_before_it_reaches_the_service(alice):
    run = {"start_time": "2026-11-22T07:30:00Z", "distance_m": 5000, "moving_time_s": 1500}
    answer = alice.api("POST", "data", f"/users/{alice.id}/runs", json={**run, "name": "x" * OVERSIZED_BODY})
    assert answer.status_code == 413


def test_a_dashboard_body_past_the_limit_is_refused(alice):
    answer = alice.dashboard("PATCH", "/api/me", json={"first_name": "x" * OVERSIZED_BODY})
    assert answer.status_code == 413


def test_an_upload_past_the_limit_is_refused_on_its_headers(stack, alice):
    """The gateway answers from the Content-Length alone: the 65 MB are never sent."""
    answer = _headers_only(
        stack.gateway,
        f"/api/import/users/{alice.id}/imports",
        {**alice.headers("import"), "Content-Type": "multipart/form-data; boundary=x"},
        OVERSIZED_UPLOAD,
    )
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]


def test_a_webhook_body_past_its_small_limit_is_refused(stack):
    answer = _headers_only(
        stack.gateway, "/api/strava/webhook/anything", {"Content-Type": "application/json"}, 64 * 1024
    )
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]


def _headers_only(base: str, path: str, headers: dict, length: int) -> bytes:
    """Send a request's headers announcing ``length`` bytes, no body; return the answer."""
    address = urlsplit(base)
    lines = [f"POST {path} HTTP/1.1", f"Host: {address.netloc}", f"Content-Length: {length}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        connection.sendall(("\r\n".join([*lines, "Connection: close"]) + "\r\n\r\n").encode())
        return connection.recv(4096)
