"""Through the gateway, each service's Swagger UI and openapi.json point back through the
gateway (X-Forwarded-Prefix, honoured by runnerly_core.forwarded): the real data service."""

from urllib.parse import urlsplit


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

    runs = gateway.get(
        f"/api/data/users/{user.json()['id']}/runs", headers=data_service.runner_headers(user.json()["id"])
    )

    assert runs.status_code == 200
    assert runs.json()["items"] == []


def test_a_created_run_is_located_under_the_gateway_prefix(gateway, data_service):
    user = gateway.post(
        "/api/data/users",
        json={"email": "location@runnerly.test", "first_name": "Eliud", "last_name": "Kipchoge"},
        headers=data_service.service_headers("users:write"),
    ).json()
    run = {"start_time": "2026-11-21T07:30:00Z", "distance_m": 42195, "moving_time_s": 7235}
    headers = data_service.runner_headers(user["id"])

    created = gateway.post(f"/api/data/users/{user['id']}/runs", json=run, headers=headers)

    location = urlsplit(created.headers["Location"]).path
    assert location == f"/api/data/users/{user['id']}/runs/{created.json()['id']}"
    assert gateway.get(location, headers=headers).json()["distance_m"] == 42195


def test_a_compressed_list_is_revalidated_with_its_weakened_etag(gateway, data_service):
    user = gateway.post(
        "/api/data/users",
        json={"email": "etag@runnerly.test", "first_name": "Paula", "last_name": "Radcliffe"},
        headers=data_service.service_headers("users:write"),
    ).json()
    headers = {**data_service.runner_headers(user["id"]), "Accept-Encoding": "gzip"}
    path = f"/api/data/users/{user['id']}/runs"

    listed = gateway.get(path, headers=headers)
    again = gateway.get(path, headers={**headers, "If-None-Match": listed.headers["ETag"]})

    assert again.status_code == 304
