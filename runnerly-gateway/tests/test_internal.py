"""Operations for the suite itself are not reachable through the gateway: introspection,
/metrics, the Strava sandbox's admin API outside development, dot files."""

import pytest

HIDDEN = [
    "/api/data/metrics",
    "/api/strava/metrics",
    "/api/metrics",
    "/api/data/%6detrics",  # percent-encoded
    "/api/data//metrics",  # doubled slash
    "/api/data/./metrics",
    "/api/data/x/../metrics",
    "/api/tokendealer/oauth/introspect",
    "/api/tokendealer/oauth/%69ntrospect",
    "/.env",
    "/api/data/.git/config",
]


@pytest.mark.parametrize("path", HIDDEN)
def test_it_hides_an_internal_operation(gateway, path):
    for method in ("GET", "POST", "DELETE"):  # no 405 telling which method it takes
        answer = gateway.request(method, path)

        assert answer.status_code == 404, (method, path)
        assert answer.headers["Content-Type"] == "application/problem+json"


def test_it_never_forwards_a_hidden_operation(gateway):
    gateway.get("/api/tokendealer/oauth/introspect", headers={"X-Request-ID": "introspect-0001"})

    assert gateway.logged("introspect-0001")["upstream"] == ""


def test_it_keeps_the_public_well_known_documents(gateway):
    answer = gateway.get("/api/tokendealer/.well-known/jwks.json")

    assert answer.status_code == 200
    assert answer.json()["path"] == "/.well-known/jwks.json"


def test_the_sandbox_and_its_admin_api_are_reachable_in_development(gateway):
    answer = gateway.get("/sandbox/_sandbox/athletes")

    assert answer.json()["upstream"] == "sandbox"
    assert answer.json()["path"] == "/_sandbox/athletes"


@pytest.mark.parametrize(
    "path", ["/sandbox/_sandbox/athletes", "/sandbox/oauth/authorize", "/api/strava/_sandbox/x"]
)
def test_the_sandbox_does_not_exist_outside_development(make_gateway, path):
    gateway = make_gateway(ENVIRONMENT="production")

    answer = gateway.get(path)

    assert answer.status_code == 404
    assert answer.headers["Content-Type"] == "application/problem+json"
