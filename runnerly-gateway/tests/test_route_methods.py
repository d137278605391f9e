"""The gateway's table of routes' methods (conf/http/methods.json) is the services' specs':
a route added, removed or given another method in a spec fails here until
route_methods.py is run again. And render.py makes of it an nginx map that matches a path
as the services' routers do."""

import json
import re

import pytest
import render
import route_methods


@pytest.fixture(scope="module")
def table() -> dict[str, list[str]]:
    return json.loads(route_methods.TABLE.read_text())["routes"]


@pytest.fixture(scope="module")
def from_specs() -> dict[str, list[str]]:
    return route_methods.table_from(route_methods.served_specs())


def test_the_table_is_the_specs(table, from_specs):
    differences = {
        path: {"table": table.get(path), "specs": from_specs.get(path)}
        for path in table.keys() | from_specs.keys()
        if table.get(path) != from_specs.get(path)
    }

    assert differences == {}, "run: .venv/bin/python runnerly-gateway/route_methods.py"
    assert route_methods.TABLE.read_text() == route_methods.document(from_specs)


def test_it_names_the_post_only_routes_a_get_with_a_body_was_sent_to(table):
    for path in ("/api/tokendealer/oauth/token", "/api/login", "/api/password/forgot", "/api/strava/login"):
        assert table[path] == ["POST"], path


def test_it_names_no_address_the_gateway_hides(table):
    """A 405 naming their methods would tell that introspection and /metrics exist."""
    hidden = route_methods.hidden_patterns()

    assert len(hidden) == 3  # metrics, introspection, dot files (routes/internal.conf)
    assert [path for path in table if any(pattern.search(path) for pattern in hidden)] == []
    assert "/api/tokendealer/.well-known/jwks.json" in table  # public, not a dot file


def test_it_names_only_the_dashboards_api_among_its_paths(table):
    """The dashboard's own /health/live and /metrics are not routed to it by the gateway."""
    assert "/health/live" not in table
    assert "/api/data/health/live" in table


def test_a_path_served_by_two_services_is_refused():
    specs = {
        "dashboard": {"paths": {"/api/data/races": {"get": {}}}},
        "data": {"paths": {"/races": {"get": {}}}},
    }

    with pytest.raises(ValueError, match="two services"):
        route_methods.table_from(specs)


def map_entries(table_file) -> list[tuple[re.Pattern, str]]:
    text = render.route_methods_map(table_file)
    return [(re.compile(regex), methods) for regex, methods in re.findall(r'"~(.+)" "(.+)";', text)]


def first_match(entries, path: str) -> str | None:
    return next((methods for pattern, methods in entries if pattern.search(path)), None)


def test_the_map_tries_a_literal_segment_before_a_parameter(tmp_path):
    table_file = tmp_path / "methods.json"
    routes = {
        "/api/data/users/{user_id}/runs/{run_id}": ["DELETE", "GET"],
        "/api/data/users/{user_id}/runs/bulk": ["POST"],
    }
    table_file.write_text(json.dumps({"routes": routes}))

    entries = map_entries(table_file)

    assert first_match(entries, "/api/data/users/1/runs/bulk") == "POST"
    assert first_match(entries, "/api/data/users/1/runs/2") == "DELETE, GET"
    assert first_match(entries, "/api/data/users/1/runs/2/shoe") is None  # a parameter is one segment
    assert first_match(entries, "/api/data/users/1/runs") is None


def test_the_rendered_map_answers_each_route_of_the_table_with_its_methods(table):
    entries = map_entries(render.ROUTE_METHODS)

    for template, methods in table.items():
        path = re.sub(r"\{[^}]+\}", "7", template)
        assert first_match(entries, path) == ", ".join(methods), template


def test_a_dot_in_a_path_is_a_dot(table):
    entries = map_entries(render.ROUTE_METHODS)

    assert first_match(entries, "/api/tokendealer/.well-known/jwks.json") == "GET"
    assert first_match(entries, "/api/tokendealer/.well-known/jwksXjson") is None


@pytest.mark.parametrize("template", ['/api/a"b', "/api/a b", "/api/{x}}", "/api/../x", "/api/a;b"])
def test_it_refuses_a_path_nginx_would_misread(template, tmp_path):
    table_file = tmp_path / "methods.json"
    table_file.write_text(json.dumps({"routes": {template: ["GET"]}}))

    with pytest.raises(render.ConfigError, match="not a path"):
        render.route_methods_map(table_file)
