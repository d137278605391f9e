"""The API keeps its OpenAPI contract under schemathesis' default checks."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

# A schema-violating request may be refused by size (413) before validation sees it.
REJECTED = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx"]
CONFIG = SchemathesisConfig.from_dict(
    {"checks": {"negative_data_rejection": {"expected-statuses": REJECTED}}}
)


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
