"""Schemathesis drives every operation of strava.yaml in-process, with all default checks.

Requests carry a service token with every scope; half of the user ids are pointed at a
linked user, to reach the code behind the 404s. Strava and the data service are mocked.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from runnerly_core.testing import contract_config
from runnerly_strava.settings import SERVICE

from .conftest import DATA, STRAVA


@pytest.fixture
def strava_schema(connexion_app):
    return schemathesis.openapi.from_asgi("/openapi.json", connexion_app, config=contract_config())


schema = schemathesis.pytest.from_fixture("strava_schema")


@pytest.fixture
def service_headers(issuer) -> dict:
    token = issuer.service_token("runnerly-dashboard", audience=SERVICE, scope="strava:link strava:read")
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def outside_world(requests_mock, service_token, make_link):
    make_link()
    requests_mock.real_http = True  # schemathesis reaches the app through requests too
    requests_mock.post(
        f"{STRAVA}/oauth/token", status_code=400, json={"message": "Bad Request", "errors": []}
    )
    requests_mock.post(f"{STRAVA}/oauth/deauthorize", json={})
    requests_mock.delete(f"{DATA}/users/7/runs?source=strava", json={"deleted": 0})


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_contract(case, service_headers, outside_world):
    if "user_id" in (case.path_parameters or {}) and case.operation.method.upper() == "GET":
        case.path_parameters["user_id"] = 7
    case.call_and_validate(headers=service_headers)
