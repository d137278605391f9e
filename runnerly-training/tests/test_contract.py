"""Schemathesis drives every operation of the spec in-process, with all default checks.

Requests carry a service token with every scope, and the data service is faked with a
runner who has a year of runs; most generated ids miss, so half of the cases are pointed
at that runner, to reach the code behind the 404s.

Two operations answer 400 to some schema-valid requests, for rules a JSON schema cannot
state: a performance's pace against its distance (faster than any human, slower than a
walk), and a plan's race date against today, its goal against its distance, its weekdays
against its days per week. For those two, ``positive_data_acceptance`` also accepts 400;
for plans also 422, a valid request for a plan too small for the race (a marathon with
``max_weekly_km`` 11).
"""

import re

import pytest
import requests_mock
import schemathesis
from hypothesis import HealthCheck, settings

from runnerly_core.testing import contract_config

ACCEPTED = ["2xx", "3xx", "400", "401", "403", "404", "409", "429", "5xx"]
CROSS_FIELD_RULES = {
    "runnerly_training.fitness.api.estimate": ACCEPTED,
    "runnerly_training.plans.api.create_plan": [*ACCEPTED, "422"],
}


@pytest.fixture
def in_process(data):
    """Schemathesis calls the app through a requests session: let those calls through."""
    data.mocker.register_uri(requests_mock.ANY, re.compile(r"^http://testserver/"), real_http=True)


@pytest.fixture
def training_schema(connexion_app):
    config = contract_config(
        operations=[
            {
                "include-operation-id": [operation],
                "checks": {"positive_data_acceptance": {"expected-statuses": statuses}},
            }
            for operation, statuses in CROSS_FIELD_RULES.items()
        ]
    )
    return schemathesis.openapi.from_asgi("/openapi.json", connexion_app, config=config)


schema = schemathesis.pytest.from_fixture("training_schema")


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_contract(case, service, runner, in_process):
    if "user_id" in (case.path_parameters or {}):
        case.path_parameters["user_id"] = runner
    case.call_and_validate(headers=service)
