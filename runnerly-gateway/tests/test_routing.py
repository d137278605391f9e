"""Routing: each service under /api/<service>/ with its prefix stripped, the dashboard's
own /api/, the gateway's /health, request ids and the JSON access log."""

import pytest

SERVICES = ("tokendealer", "strava", "training", "import")


@pytest.mark.parametrize("service", SERVICES)
def test_it_routes_each_service_with_its_prefix_stripped(gateway, service):
    answer = gateway.get(f"/api/{service}/users/7/things?per_page=5")

    assert answer.status_code == 200
    echoed = answer.json()
    assert echoed["upstream"] == service
    assert echoed["path"] == "/users/7/things"
    assert echoed["query"] == "per_page=5"
    assert echoed["headers"]["X-Forwarded-Prefix"] == f"/api/{service}"


def test_it_routes_the_rest_of_api_to_the_dashboard_unstripped(gateway):
    echoed = gateway.get("/api/me/runs?page=2").json()

    assert echoed["upstream"] == "dashboard"
    assert echoed["path"] == "/api/me/runs"
    assert echoed["headers"]["X-Forwarded-Prefix"] is None


DASHBOARD_STRAVA = [
    ("GET", "/api/strava"),
    ("POST", "/api/strava/link"),
    ("POST", "/api/strava/link/callback"),
    ("POST", "/api/strava/login"),
]


@pytest.mark.parametrize(("method", "path"), DASHBOARD_STRAVA)
def test_the_dashboards_own_strava_endpoints_stay_with_the_dashboard(gateway, method, path):
    body = {} if method == "POST" else None  # a GET with a body is the WAF's to refuse
    echoed = gateway.request(method, path, json=body).json()

    assert echoed["upstream"] == "dashboard"
    assert echoed["path"] == path


def test_the_strava_services_own_paths_go_to_the_strava_service(gateway):
    echoed = gateway.get("/api/strava/users/3/strava").json()

    assert echoed["upstream"] == "strava"
    assert echoed["path"] == "/users/3/strava"


def test_it_routes_the_whole_strava_webhook_prefix(gateway):
    answer = gateway.post("/api/strava/webhook/s3cr3t-path-segment", json={"aspect_type": "create"})

    assert answer.json()["upstream"] == "strava"
    assert answer.json()["path"] == "/webhook/s3cr3t-path-segment"


def test_it_answers_its_own_health(gateway):
    answer = gateway.get("/health")

    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}


def test_it_tells_the_service_the_client_address_it_saw_not_the_one_claimed(gateway):
    echoed = gateway.get("/api/training/x", headers={"X-Forwarded-For": "10.9.8.7"}).json()

    assert echoed["headers"]["X-Forwarded-For"] == "127.0.0.1"


def test_it_makes_a_request_id_returns_it_and_passes_it_on(gateway):
    answer = gateway.get("/api/training/x")

    made = answer.headers["X-Request-ID"]  # one value: the upstream's own is hidden
    assert len(made) == 32
    assert answer.json()["headers"]["X-Request-ID"] == made


def test_it_passes_a_well_formed_request_id_on(gateway):
    answer = gateway.get("/api/training/x", headers={"X-Request-ID": "client-id-12345"})

    assert answer.headers["X-Request-ID"] == "client-id-12345"
    assert answer.json()["headers"]["X-Request-ID"] == "client-id-12345"


def test_it_replaces_a_request_id_that_could_forge_log_lines(gateway):
    answer = gateway.get("/api/training/x", headers={"X-Request-ID": 'x" injected {'})

    assert answer.headers["X-Request-ID"] != 'x" injected {'
    assert len(answer.headers["X-Request-ID"]) == 32


def test_it_logs_each_request_as_json_with_its_id_and_upstream_timing(gateway):
    answer = gateway.get("/api/strava/users/1/strava", headers={"X-Request-ID": "log-me-0001"})

    line = gateway.logged("log-me-0001")
    assert line["status"] == answer.status_code == 200
    assert line["uri"] == "/api/strava/users/1/strava"
    assert line["upstream"] == gateway.settings["STRAVA_UPSTREAM"]
    assert float(line["upstream_response_time"]) >= 0
    assert float(line["upstream_header_time"]) >= 0


def test_it_compresses_json_answers(gateway):
    answer = gateway.get("/api/training/x", headers={"Accept-Encoding": "gzip"})

    assert answer.headers["Content-Encoding"] == "gzip"
    assert answer.json()["upstream"] == "training"


def test_it_answers_problem_json_when_a_service_is_down(make_gateway):
    gateway = make_gateway(TRAINING_UPSTREAM="127.0.0.1:9")  # the discard port: nothing listens

    answer = gateway.get("/api/training/users/1/fitness")

    assert answer.status_code == 502
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert answer.json()["status"] == 502
