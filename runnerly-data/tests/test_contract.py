"""Schemathesis drives every operation of the spec in-process, with all default checks.

Requests carry a service token with every scope; most generated ids miss, so valid user
ids are pointed at a runner who exists, to reach the code behind the 404s, and a plan's
``race_id`` at a race that exists (a reference to no race is a 400, tested on its own).

Rules that span fields (moving time within elapsed time, average heart rate under the
maximum, planned runs before race day) cannot be said in OpenAPI 3.0; generated bodies are
made to keep them before they are sent, so that "schema-valid data is accepted" stays a
strict check. Each rule has its own test that it is enforced.
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from .conftest import LIVE_URL

pytestmark = pytest.mark.skipif(bool(LIVE_URL), reason="the contract is checked in-process")
MAX_ID = 2_147_483_647
# Enough to find regressions on every run; raise it for a deeper hunt.
EXAMPLES = int(os.environ.get("RUNNERLY_CONTRACT_EXAMPLES", "25"))


@pytest.fixture
def data_schema(connexion_app):
    return schemathesis.openapi.from_asgi("/openapi.json", connexion_app)


schema = schemathesis.pytest.from_fixture("data_schema")


def keep_cross_field_rules(body) -> None:
    if isinstance(body, dict):
        _keep_run_rules(body)
        for run in body.get("runs", []) if isinstance(body.get("runs"), list) else []:
            if isinstance(run, dict):
                _keep_run_rules(run)
                _keep_before_race_day(run, body.get("race_date"))


def _keep_run_rules(run: dict) -> None:
    _ordered(run, "average_heartrate", "max_heartrate")
    _ordered(run, "moving_time_s", "elapsed_time_s")
    if _number(run.get("distance_m")) and run["distance_m"] > 0 and run.get("moving_time_s") == 0:
        run["moving_time_s"] = 1
        if run.get("elapsed_time_s") == 0:
            run["elapsed_time_s"] = 1


def _ordered(run: dict, low: str, high: str) -> None:
    if _number(run.get(low)) and _number(run.get(high)) and run[low] > run[high]:
        run[low], run[high] = run[high], run[low]


def _keep_before_race_day(run: dict, race_date) -> None:
    if isinstance(run.get("date"), str) and isinstance(race_date, str) and run["date"] > race_date:
        run["date"] = race_date


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@pytest.fixture
def race(app, service) -> int:
    body = {"name": "Contract 10K", "date": "2027-04-18", "distance_m": 10000}
    return app.post_json("/races", body, headers=service, status=201).json["id"]


def point_at_existing_race(body, race: int) -> None:
    if isinstance(body, dict) and _number(body.get("race_id")):
        body["race_id"] = race


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_contract(case, service, runner, race):
    user_id = (case.path_parameters or {}).get("user_id")
    valid_id = isinstance(user_id, int) and 1 <= user_id <= MAX_ID
    if valid_id and case.operation.method.upper() != "DELETE":
        case.path_parameters["user_id"] = runner
    keep_cross_field_rules(case.body)
    point_at_existing_race(case.body, race)
    case.call_and_validate(headers=service)
