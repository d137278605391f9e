"""Methods nginx refuses itself (TRACE, before any route; writes to files from disk): a 405
problem that names, in Allow, the methods the resource does allow (RFC 9110 §15.5.6)."""


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
