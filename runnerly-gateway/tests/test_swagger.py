"""Through the gateway, each service's Swagger UI and openapi.json point back through the
gateway (X-Forwarded-Prefix, honoured by runnerly_core.forwarded): the real data service."""


def test_openapi_json_names_the_gateway_prefix_as_its_server(gateway):
    answer = gateway.get("/api/data/openapi.json")

    assert answer.status_code == 200
    assert answer.json()["servers"][0]["url"] == "/api/data"


def test_swagger_ui_loads_its_spec_and_assets_through_the_gateway(gateway):
    page = gateway.get("/api/data/ui/")

    assert page.status_code == 200
    assert '"/api/data/openapi.json"' in page.text
    assert 'src="./swagger-ui-bundle.js"' in page.text
    assert gateway.get("/api/data/ui/swagger-ui-bundle.js").status_code == 200


def test_swagger_ui_without_its_slash_redirects_within_the_gateway(gateway):
    answer = gateway.get("/api/data/ui")

    assert answer.status_code in (301, 302, 307, 308)
    assert answer.headers["Location"].endswith("/api/data/ui/")


def test_a_runner_lists_their_runs_through_the_gateway(gateway, data_service):
    user = gateway.post(
        "/api/data/users",
        json={"email": "swagger@runnerly.test", "first_name": "Ada", "last_name": "Lovelace"},
        headers=data_service.service_headers("users:write"),
    )
    assert user.status_code == 201, user.text

    runs = gateway.get(f"/api/data/users/{user.json()['id']}/runs", headers=data_service.runner_headers(user.json()["id"]))

    assert runs.status_code == 200
    assert runs.json()["items"] == []
