"""Security headers on every answer, errors included; HSTS only over TLS."""

import subprocess

import pytest
import requests

EDGE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
ANSWERS = {
    "spa": ("GET", "/", None, 200),
    "service": ("GET", "/api/training/x", None, 200),
    "hidden": ("GET", "/api/data/metrics", None, 404),
    "waf": ("GET", "/api/data/users?q=%3Cscript%3Ealert(1)%3C/script%3E", None, 403),
    "preflight": ("OPTIONS", "/api/data/users", None, 204),
    "too large": ("POST", "/api/training/x", b"x" * 2 * 1024 * 1024, 413),
    "upload route": ("GET", "/api/import/jobs/1", None, 200),
}


@pytest.mark.parametrize("answer", ANSWERS.values(), ids=ANSWERS.keys())
def test_every_answer_carries_the_security_headers(gateway, answer):
    method, path, body, status = answer
    headers = (
        {"Origin": "http://localhost:8080", "Access-Control-Request-Method": "GET"}
        if method == "OPTIONS"
        else {}
    )

    response = gateway.request(method, path, data=body, headers=headers)

    assert response.status_code == status
    for name, value in EDGE_HEADERS.items():
        assert response.headers[name] == value, name
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Request-ID"]
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP


def test_the_service_error_answers_carry_them_too(make_gateway):
    gateway = make_gateway(IMPORT_UPSTREAM="127.0.0.1:9")

    response = gateway.get("/api/import/jobs/1")

    assert response.status_code == 502
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_spa_policy_allows_only_its_own_scripts(gateway):
    policy = gateway.get("/").headers["Content-Security-Policy"]

    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy


def test_swagger_ui_gets_the_inline_script_it_needs(gateway):
    policy = gateway.get("/api/data/ui/").headers["Content-Security-Policy"]

    assert "script-src 'self' 'unsafe-inline'" in policy


@pytest.fixture
def certificate(fresh_dir):
    directory = fresh_dir("tls-")
    argv = [
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
    ]
    keys = ["-keyout", str(directory / "key.pem"), "-out", str(directory / "cert.pem")]
    subprocess.run([*argv, *keys], check=True, capture_output=True)  # noqa: S603 — openssl from PATH
    return directory


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_over_tls_the_same_routes_answer_with_hsts(make_gateway, certificate):
    from servers import free_port

    port = free_port()
    gateway = make_gateway(
        TLS_CERTIFICATE=str(certificate / "cert.pem"),
        TLS_CERTIFICATE_KEY=str(certificate / "key.pem"),
        TLS_LISTEN=f"127.0.0.1:{port}",
    )

    url = f"https://127.0.0.1:{port}/api/training/x"
    secure = requests.get(url, verify=False, timeout=10)  # noqa: S501 — the test's own self-signed certificate

    assert secure.status_code == 200
    assert secure.json()["upstream"] == "training"
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=63072000")
    assert "Strict-Transport-Security" not in gateway.get("/api/training/x").headers
