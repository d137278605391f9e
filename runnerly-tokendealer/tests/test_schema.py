"""The API keeps its OpenAPI contract under schemathesis' default checks."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from runnerly_core.testing import contract_config

CONFIG = contract_config()


@pytest.fixture
def api_schema(app):
    if app is None:
        live_url = os.environ["RUNNERLY_LIVE_TOKENDEALER_URL"]
        return schemathesis.openapi.from_url(f"{live_url}/openapi.json", config=CONFIG)
    return schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_contract(case):
    case.call_and_validate()
