"""One CORS layer with an origin allow-list (RUNNERLY_GATEWAY_CORS_ORIGINS)."""

ALLOWED = "http://localhost:8080"
REFUSED = "https://evil.example"


def test_an_allowed_origin_may_read_the_answer(gateway):
    answer = gateway.get("/api/data/openapi.json", headers={"Origin": ALLOWED})

    assert answer.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert answer.headers["Access-Control-Allow-Credentials"] == "true"
    assert "X-Request-ID" in answer.headers["Access-Control-Expose-Headers"]
    assert "Origin" in answer.headers["Vary"]


def test_another_origin_gets_no_cors_headers(gateway):
    answer = gateway.get("/api/data/openapi.json", headers={"Origin": REFUSED})

    assert answer.status_code == 200  # the browser, not the gateway, keeps it from the page
    assert "Access-Control-Allow-Origin" not in answer.headers
    assert "Access-Control-Allow-Credentials" not in answer.headers


def test_an_origin_is_matched_whole_not_by_prefix(gateway):
    answer = gateway.get("/api/data/openapi.json", headers={"Origin": "http://localhost:8080.evil.example"})

    assert "Access-Control-Allow-Origin" not in answer.headers


def test_a_preflight_from_an_allowed_origin_is_answered_by_the_gateway(gateway):
    headers = {"Origin": ALLOWED, "Access-Control-Request-Method": "PATCH", "X-Request-ID": "preflight-01"}

    answer = gateway.request("OPTIONS", "/api/data/users/1/runs/2", headers=headers)

    assert answer.status_code == 204
    assert answer.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "PATCH" in answer.headers["Access-Control-Allow-Methods"]
    assert "Authorization" in answer.headers["Access-Control-Allow-Headers"]
    assert answer.headers["Access-Control-Max-Age"] == "600"
    assert gateway.logged("preflight-01")["upstream"] == ""


def test_a_preflight_from_another_origin_is_refused(gateway):
    headers = {"Origin": REFUSED, "Access-Control-Request-Method": "DELETE"}

    answer = gateway.request("OPTIONS", "/api/data/users/1", headers=headers)

    assert answer.status_code == 403
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert "Access-Control-Allow-Origin" not in answer.headers
    assert "Access-Control-Allow-Methods" not in answer.headers


def test_the_allow_list_is_configurable(make_gateway):
    gateway = make_gateway(CORS_ORIGINS="https://app.runnerly.example")

    allowed = gateway.get("/health", headers={"Origin": "https://app.runnerly.example"})
    refused = gateway.get("/health", headers={"Origin": ALLOWED})

    assert allowed.headers["Access-Control-Allow-Origin"] == "https://app.runnerly.example"
    assert "Access-Control-Allow-Origin" not in refused.headers
