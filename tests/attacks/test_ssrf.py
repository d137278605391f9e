"""API7:2023 Server Side Request Forgery. No public operation of the suite takes a URL that a
server then fetches: Strava's base URL, the OAuth redirect URI and the webhook callback are
settings, and the webhook subscription is made by an operator's command. What remains to
pin down: nobody can hand a server a URL through the doors that come close, and the gateway
is no open proxy.

- the Strava link callback takes ``code``, ``state`` and ``scope`` only: a ``redirect_uri``
  or an API base slipped into it is refused;
- the Strava sandbox (development only) registers a webhook callback, which it fetches:
  only for its authenticated client, and only on that client's allowed host;
- a request whose target or ``Host`` names another server is not forwarded to it.
"""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import requests

METADATA = "http://169.254.169.254/latest/meta-data/"
ELSEWHERE = "https://attacker.example/collect"
# The WAF (OWASP CRS) refuses a URL naming an IP address in any argument (403) before a
# service sees it; a URL naming a host may pass it (a form field does, a JSON one does not)
# and is then refused by the service (400).
REFUSED = {METADATA: {403}, ELSEWHERE: {400, 403}}


def test_the_strava_link_callback_takes_no_url_from_the_runner(alice):
    callback = f"/users/{alice.id}/strava/link/callback"
    for url, refused in REFUSED.items():
        for field in ("redirect_uri", "api_url"):
            smuggled = {"code": "c", "state": "s", "scope": "read", field: url}
            answer = alice.api("POST", "strava", callback, json=smuggled)
            assert answer.status_code in refused, answer.text


def test_the_sandbox_registers_no_webhook_callback_for_an_anonymous_caller(stack):
    form = {"callback_url": ELSEWHERE, "verify_token": "t"}
    answer = requests.post(f"{stack.gateway}/sandbox/api/v3/push_subscriptions", data=form, timeout=10)
    assert answer.status_code in (400, 401), answer.text


def test_the_sandbox_fetches_no_callback_outside_its_clients_host(stack):
    secret = (stack.run_dir / "strava-app.secret").read_text().strip()
    for url, refused in REFUSED.items():
        form = {"client_id": "12345", "client_secret": secret, "callback_url": url, "verify_token": "t"}
        answer = requests.post(f"{stack.gateway}/sandbox/api/v3/push_subscriptions", data=form, timeout=10)
        assert answer.status_code in refused, answer.text


def test_the_gateway_forwards_no_request_to_a_server_it_names(stack):
    """An absolute request target and a foreign Host header reach the suite's own routes
    (here the gateway's health), never the named server."""
    address = urlsplit(stack.gateway)
    for request in (
        f"GET {METADATA.rstrip('/')}/../../health HTTP/1.1\r\nHost: 169.254.169.254\r\n",
        "GET /health HTTP/1.1\r\nHost: 169.254.169.254\r\nX-Forwarded-Host: 10.0.0.1\r\n",
    ):
        with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
            connection.sendall(f"{request}Connection: close\r\n\r\n".encode())
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
        assert answer.startswith(b"HTTP/1.1 200"), answer[:300]
        assert b'{"status":"ok"}' in answer
