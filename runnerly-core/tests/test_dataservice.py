"""The data service's client: bulk upserts in batches, deletions that tolerate a gone run,
and failures sorted as runnerly_core.upstream sorts every service's (retry, or not)."""

from __future__ import annotations

import pytest
import requests

from runnerly_core.dataservice import DataService, DataServiceError, DataServiceUnavailable
from runnerly_core.http import ClientCredentials, ServiceClient
from runnerly_core.settings import ClientSettings
from runnerly_core.upstream import UpstreamNotFound, UpstreamRefused, UpstreamUnavailable

TOKEN_URL = "http://tokendealer.test/oauth/token"
DATA = "http://data.test"


@pytest.fixture
def data(requests_mock) -> DataService:
    requests_mock.post(TOKEN_URL, json={"access_token": "t", "token_type": "Bearer", "expires_in": 300})
    credentials = ClientCredentials(TOKEN_URL, "runnerly-import", "secret")
    return DataService(ServiceClient(DATA, "runnerly-data", "runs:write", credentials))


def test_a_large_upsert_goes_in_batches_of_a_thousand_and_keeps_the_input_order(requests_mock, data):
    def answer(request, context):
        return {"runs": [{"source_id": run["source_id"]} for run in request.json()["runs"]]}

    bulk = requests_mock.post(f"{DATA}/users/7/runs/bulk", json=answer)
    runs = [{"source_id": str(n)} for n in range(2500)]
    outcomes = data.upsert_runs(7, runs)
    assert [len(call.json()["runs"]) for call in bulk.request_history] == [1000, 1000, 500]
    assert [outcome["source_id"] for outcome in outcomes] == [run["source_id"] for run in runs]


def test_deleting_what_is_already_gone_is_no_error(requests_mock, data):
    requests_mock.delete(f"{DATA}/users/7/runs/3", status_code=404)
    requests_mock.delete(f"{DATA}/users/7/runs?source=strava", status_code=404)
    data.delete_run(7, 3)
    assert data.delete_runs_of_source(7, "strava") == 0


def test_deleting_a_sources_runs_says_how_many_went(requests_mock, data):
    requests_mock.delete(f"{DATA}/users/7/runs?source=upload", json={"deleted": 12})
    assert data.delete_runs_of_source(7, "upload") == 12
    assert requests_mock.last_request.qs == {"source": ["upload"]}


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        ({"status_code": 503}, UpstreamUnavailable),
        ({"status_code": 429}, UpstreamUnavailable),
        ({"exc": requests.ConnectionError}, UpstreamUnavailable),
        ({"status_code": 400, "json": {"detail": "runs[0].distance_m is negative"}}, UpstreamRefused),
        ({"status_code": 404}, UpstreamNotFound),
    ],
)
def test_failures_say_whether_a_retry_can_help(requests_mock, data, answer, error):
    requests_mock.post(f"{DATA}/users/7/runs/bulk", **answer)
    with pytest.raises(error):
        data.upsert_runs(7, [{"source_id": "1"}])


def test_the_import_workers_names_sort_the_same_errors(requests_mock, data):
    requests_mock.post(f"{DATA}/users/7/runs/bulk", [{"status_code": 502}, {"status_code": 422}])
    with pytest.raises(DataServiceUnavailable):
        data.upsert_runs(7, [{"source_id": "1"}])
    with pytest.raises(DataServiceError):
        data.upsert_runs(7, [{"source_id": "1"}])


def test_credentials_come_from_the_settings_secret_file(requests_mock, tmp_path):
    (tmp_path / "secret").write_text("from-the-file\n")
    settings = ClientSettings(
        environment="test",
        client_id="runnerly-import",
        client_secret_file=tmp_path / "secret",
        token_url=TOKEN_URL,
    )
    token = requests_mock.post(
        TOKEN_URL, json={"access_token": "t", "token_type": "Bearer", "expires_in": 300}
    )
    ClientCredentials.of(settings).token("runnerly-data", "runs:read")
    assert token.last_request.headers["Authorization"] == "Basic cnVubmVybHktaW1wb3J0OmZyb20tdGhlLWZpbGU="
