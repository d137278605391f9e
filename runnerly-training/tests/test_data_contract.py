"""The fake data service and this service keep the data service's published contract.

The data service's spec (``runnerly-data/runnerly_data/openapi/data.yaml`` in this
repository, or ``RUNNERLY_TEST_DATA_SPEC``) is read as a document, not imported: what the
fake answers must be what the data service documents, and the plans this service sends
must be what it accepts.
"""

import os
from pathlib import Path
from zoneinfo import available_timezones

import pytest
import requests
from connexion.json_schema import Draft4RequestValidator, Draft4ResponseValidator, resolve_refs

from runnerly_core.spec import load_spec
from runnerly_core.testing import require_in_ci

from .fake_data_service import DATA_URL, TOKEN
from .runners import marathon_in_16_weeks

DATA_SPEC = Path(
    os.environ.get(
        "RUNNERLY_TEST_DATA_SPEC",
        Path(__file__).parents[2] / "runnerly-data" / "runnerly_data" / "openapi" / "data.yaml",
    )
)


@pytest.fixture(scope="module")
def data_schemas() -> dict:
    if not DATA_SPEC.exists():
        require_in_ci(f"the data service's spec at {DATA_SPEC}")
        pytest.skip(f"no data service spec at {DATA_SPEC}")
    arguments = {
        "time_zones": sorted(available_timezones()),
        "token_url": "http://tokendealer.test/oauth/token",
    }
    return resolve_refs(load_spec(DATA_SPEC, arguments))["components"]["schemas"]


def answer(path: str) -> dict:
    """What the fake data service answers, asked as the training service asks."""
    response = requests.get(DATA_URL + path, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=5)
    response.raise_for_status()
    return response.json()


def test_the_fake_answers_users_runs_and_details_as_documented(data_schemas, runner, data):
    Draft4ResponseValidator(data_schemas["User"]).validate(answer(f"/users/{runner}"))
    page = answer(f"/users/{runner}/runs?from=2000-01-01&to=2100-01-01&sort=start_time&per_page=200&page=2")
    Draft4ResponseValidator(data_schemas["RunPage"]).validate(page)
    assert page["items"]
    detail = answer(f"/users/{runner}/runs/{page['items'][0]['id']}")
    Draft4ResponseValidator(data_schemas["RunDetail"]).validate(detail)


def test_the_fakes_run_summaries_carry_exactly_the_documented_fields(data_schemas, runner, data):
    """The fake lists a summary's fields itself: this service's tests may not import the data
    service (its package is not installed beside them). The spec's ``Run`` allows fields it
    does not name, so the validation above would not see that list drift; this does."""
    [summary] = answer(f"/users/{runner}/runs?from=2000-01-01&to=2100-01-01&per_page=1")["items"]
    assert set(summary) == set(data_schemas["Run"]["properties"])


def test_plans_sent_are_what_the_data_service_accepts_and_answers_are_as_documented(
    app, data_schemas, runner, as_runner, data
):
    race_id = data.add_race(name="Valencia Marathon", date=marathon_in_16_weeks()["date"], distance_m=42195.0)
    body = {"race": {"id": race_id}, "days_per_week": 6, "goal_time_s": 3 * 3600}
    plan_id = app.post_json(f"/users/{runner}/plans", body, headers=as_runner).json["id"]
    Draft4RequestValidator(data_schemas["NewPlan"]).validate(data.posted_plans[0])
    Draft4ResponseValidator(data_schemas["Race"]).validate(answer(f"/races/{race_id}"))
    Draft4ResponseValidator(data_schemas["Plan"]).validate(answer(f"/users/{runner}/plans/{plan_id}"))
