"""Methods the gateway refuses itself: one the suite does not serve (QUERY, TRACE, before any
route), one a route does not serve (its spec's methods, conf/http/methods.json: before the
WAF reads the request), a write to a file from disk. Each is a 405 problem that names, in
Allow, the methods the resource does allow (RFC 9110 §15.5.6)."""

import pytest

PROBLEM = "application/problem+json"


def test_trace_is_refused_with_the_methods_the_service_allows(gateway):
    answer = gateway.request("TRACE", "/api/data/users/1/runs")

    assert answer.status_code == 405
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert answer.json()["status"] == 405
    # The data service's spec: list, create and delete-all on a runner's runs.
    assert sorted(answer.headers["Allow"].split(", ")) == ["DELETE", "GET", "POST"]


def test_trace_names_the_methods_of_the_resource_it_was_sent_to(gateway):
    answer = gateway.request("TRACE", "/api/data/users/1/runs/2")

    assert answer.status_code == 405
    assert sorted(answer.headers["Allow"].split(", ")) == ["DELETE", "GET", "PATCH"]


def test_trace_on_the_single_page_app_allows_get_and_head(gateway):
    answer = gateway.request("TRACE", "/runs/42")

    assert answer.status_code == 405
    assert answer.headers["Allow"] == "GET, HEAD"
    assert answer.json()["title"] == "Method Not Allowed"
    assert "X-Content-Type-Options" in answer.headers  # the gateway's security headers


def test_a_write_to_a_file_from_disk_is_refused_with_get_and_head(gateway):
    answer = gateway.request("PUT", "/index.html", data=b"x")

    assert answer.status_code == 405
    assert answer.headers["Allow"] == "GET, HEAD"


def test_trace_to_an_address_no_service_answers_is_a_404(gateway):
    answer = gateway.request("TRACE", "/api/data/no/such/thing")

    assert answer.status_code == 404
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert "Allow" not in answer.headers


def test_trace_with_a_body_is_refused_alike(gateway):
    answer = gateway.request("TRACE", "/api/data/users/1/runs", data=b'{"a": 1}')

    assert answer.status_code == 405
    assert sorted(answer.headers["Allow"].split(", ")) == ["DELETE", "GET", "POST"]


def test_a_method_the_suite_does_not_serve_is_a_405_not_a_waf_refusal(gateway):
    answer = gateway.request("QUERY", "/api/data/users/1/runs", data=b'{"q": 1}')

    assert answer.status_code == 405
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert sorted(answer.headers["Allow"].split(", ")) == ["DELETE", "GET", "POST"]


def test_a_webdav_method_on_the_single_page_app_is_a_405(gateway):
    answer = gateway.request("PROPFIND", "/runs/42")

    assert answer.status_code == 405
    assert answer.headers["Allow"] == "GET, HEAD"


def test_a_get_with_a_body_to_the_token_endpoint_is_a_405_not_a_waf_refusal(gateway):
    """schemathesis's unsupported-method check: the WAF would refuse a GET with a body (CRS
    920170) with 403, but the route takes only POST, so the answer is 405."""
    answer = gateway.request(
        "GET",
        "/api/tokendealer/oauth/token",
        data=b"grant_type=client_credentials",
        headers={"Content-Type": "application/x-www-form-urlencoded", "X-Request-ID": "get-a-token-0001"},
    )

    assert answer.status_code == 405
    assert answer.headers["Allow"] == "POST"  # the spec's, not the echo server's (it has none)
    assert answer.headers["Content-Type"] == PROBLEM
    assert answer.json() == {
        "detail": "This method is not allowed here.",
        "status": 405,
        "title": "Method Not Allowed",
        "type": "about:blank",
    }
    assert gateway.logged("get-a-token-0001")["upstream"] == ""  # never forwarded


def test_a_post_to_the_token_endpoint_still_reaches_the_token_dealer(gateway):
    answer = gateway.post("/api/tokendealer/oauth/token", data={"grant_type": "client_credentials"})

    assert answer.status_code == 200
    assert answer.json()["upstream"] == "tokendealer"
    assert answer.json()["method"] == "POST"
    assert answer.json()["body"] == "grant_type=client_credentials"


def test_the_waf_still_reads_a_post_to_the_token_endpoint(gateway):
    answer = gateway.post(
        "/api/tokendealer/oauth/token", data={"client_id": "x' UNION SELECT password FROM users--"}
    )

    assert answer.status_code == 403


# The dashboard's operations that take only POST and need no session: the ones schemathesis
# sent a GET with a body to.
POST_ONLY = [
    "/api/login",
    "/api/password/forgot",
    "/api/password/reset",
    "/api/email/confirm",
    "/api/signup/confirm",
    "/api/reports/unsubscribe",
    "/api/strava/login",
    "/api/strava/login/callback",
]


@pytest.mark.parametrize("path", POST_ONLY)
def test_a_get_with_a_body_to_a_post_only_route_is_a_405(gateway, path):
    answer = gateway.request("GET", path, json={"email": "ada@runnerly.test"})

    assert answer.status_code == 405
    assert answer.headers["Allow"] == "POST"
    assert answer.headers["Content-Type"] == PROBLEM


@pytest.mark.parametrize("method", ["HEAD", "PUT", "DELETE"])
def test_any_method_a_route_does_not_serve_is_a_405_with_its_methods(gateway, method):
    answer = gateway.request(method, "/api/tokendealer/oauth/token")

    assert answer.status_code == 405
    assert answer.headers["Allow"] == "POST"


def test_a_route_with_a_literal_segment_is_told_from_one_with_a_parameter(gateway):
    """runs/bulk takes only POST; runs/{run_id} takes DELETE, which must not let it through
    (the data service would answer 405 too: the gateway must not have asked it)."""
    answer = gateway.request(
        "DELETE", "/api/data/users/1/runs/bulk", headers={"X-Request-ID": "delete-bulk-01"}
    )

    assert answer.status_code == 405
    assert answer.headers["Allow"] == "POST"
    assert gateway.logged("delete-bulk-01")["upstream"] == ""


def test_a_percent_encoded_path_is_matched_decoded(gateway):
    answer = gateway.request("GET", "/api/tokendealer/oauth%2ftoken", data=b"grant_type=x")

    assert answer.status_code == 405
    assert answer.headers["Allow"] == "POST"


def test_head_goes_wherever_get_does(gateway):
    answer = gateway.request(
        "HEAD", "/api/training/users/1/fitness", headers={"X-Request-ID": "head-fitness-1"}
    )

    assert answer.status_code == 200
    assert gateway.logged("head-fitness-1")["upstream"] != ""  # the training service answered


def test_a_route_the_specs_do_not_name_is_left_to_its_service(gateway):
    """Swagger UI, openapi.json and unknown paths: the service behind them decides."""
    answer = gateway.request("PATCH", "/api/training/not/in/any/spec", json={})

    assert answer.status_code == 200
    assert answer.json()["upstream"] == "training"


def test_a_cors_preflight_to_a_post_only_route_is_still_answered(gateway):
    headers = {"Origin": "http://localhost:8080", "Access-Control-Request-Method": "POST"}

    answer = gateway.request("OPTIONS", "/api/tokendealer/oauth/token", headers=headers)

    assert answer.status_code == 204
    assert answer.headers["Access-Control-Allow-Origin"] == "http://localhost:8080"
