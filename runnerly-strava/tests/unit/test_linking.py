"""Linking through the API: the authorize URL, the callback's checks, status, unlinking."""

from urllib.parse import parse_qs, urlsplit

import pytest
from itsdangerous import URLSafeTimedSerializer

from runnerly_strava.links.models import Link
from runnerly_strava.sync.models import SyncedActivity

from .conftest import DATA, STRAVA

ATHLETE = {"id": 42, "firstname": "Ada", "lastname": "Lovelace", "created_at": "2020-01-01T00:00:00Z"}
# Long, distinctive tokens: a short one could turn up in the ciphertext by chance.
ACCESS_TOKEN = "strava-access-token-0123456789"
REFRESH_TOKEN = "strava-refresh-token-9876543210"
GRANT = {
    "access_token": ACCESS_TOKEN,
    "refresh_token": REFRESH_TOKEN,
    "expires_at": 4102444800,
    "athlete": ATHLETE,
}


def start(client, user_headers, user_id=7) -> str:
    answer = client.post(f"/users/{user_id}/strava/link", headers=user_headers(user_id))
    assert answer.status_code == 200
    return parse_qs(urlsplit(answer.json()["authorize_url"]).query)["state"][0]


def callback(client, user_headers, user_id=7, **body):
    return client.post(f"/users/{user_id}/strava/link/callback", json=body, headers=user_headers(user_id))


@pytest.fixture
def strava_token(requests_mock):
    return requests_mock.post(f"{STRAVA}/oauth/token", json=GRANT)


def test_linking_stores_sealed_tokens_and_queues_the_backfill(
    client, user_headers, strava_token, runtime, session
):
    state = start(client, user_headers)
    answer = callback(client, user_headers, state=state, code="c0de", scope="read,activity:read_all")
    assert answer.status_code == 201
    assert answer.json()["athlete"] == {"id": 42, "name": "Ada Lovelace"}
    assert answer.json()["backfill"] == {
        "state": "pending",
        "done": 0,
        "total": None,
        "total_is_estimate": True,
        "pages": 0,
        "activities_scanned": 0,
    }
    link = session.get(Link, 7)
    assert REFRESH_TOKEN not in link.refresh_token
    assert ACCESS_TOKEN not in link.access_token
    assert runtime.cipher.open(link.refresh_token) == REFRESH_TOKEN
    assert runtime.jobs.sent["backfill"] == [(7, None)]


def test_it_refuses_and_explains_when_private_activities_were_not_granted(client, user_headers, strava_token):
    answer = callback(
        client, user_headers, state=start(client, user_headers), code="c", scope="read,activity:read"
    )
    assert answer.status_code == 400
    assert answer.headers["content-type"] == "application/problem+json"
    assert "activity:read_all" in answer.json()["detail"]
    assert "Only You" in answer.json()["detail"]
    assert strava_token.call_count == 0


def test_a_state_is_redeemed_once(client, user_headers, strava_token):
    state = start(client, user_headers)
    assert (
        callback(client, user_headers, state=state, code="c", scope="read,activity:read_all").status_code
        == 201
    )
    again = callback(client, user_headers, state=state, code="c", scope="read,activity:read_all")
    assert again.status_code == 403
    assert "already completed" in again.json()["detail"]


def test_a_state_started_for_another_user_is_refused(client, user_headers, strava_token):
    answer = callback(
        client,
        user_headers,
        user_id=8,
        state=start(client, user_headers, 7),
        code="c",
        scope="read,activity:read_all",
    )
    assert answer.status_code == 403
    assert "another user" in answer.json()["detail"]


@pytest.mark.parametrize(
    ("state", "detail"),
    [("forged.state", "does not come from this service"), ("expired", "expired")],
)
def test_forged_or_expired_states_are_refused(client, user_headers, strava_token, settings, state, detail):
    if state == "expired":
        signer = URLSafeTimedSerializer("state-secret-for-tests", salt="runnerly-strava-link")
        state = signer.dumps({"user": 7, "nonce": "n"})
    saved = settings.state_max_age_seconds
    if detail == "expired":
        settings.state_max_age_seconds = -1
    answer = callback(client, user_headers, state=state, code="c", scope="read,activity:read_all")
    settings.state_max_age_seconds = saved
    assert answer.status_code == 403
    assert detail in answer.json()["detail"]


def test_a_refusal_on_stravas_page_is_explained(client, user_headers):
    answer = callback(client, user_headers, state=start(client, user_headers), error="access_denied")
    assert answer.status_code == 400
    assert "did not authorize" in answer.json()["detail"]


def test_a_user_token_reaches_only_its_own_link(client, user_headers):
    assert client.post("/users/8/strava/link", headers=user_headers(7)).status_code == 403
    assert client.get("/users/8/strava", headers=user_headers(7)).status_code == 403


def test_status_says_not_linked_with_a_404(client, user_headers):
    answer = client.get("/users/7/strava", headers=user_headers(7))
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/problem+json"


def test_status_estimates_the_total_while_the_backfill_runs(client, user_headers, make_link):
    make_link(
        athlete_since=1_600_000_000,
        backfill_state="running",
        backfill_before=1_700_000_000,
        backfill_runs=100,
        backfill_pages=1,
    )
    backfill = client.get("/users/7/strava", headers=user_headers(7)).json()["backfill"]
    assert backfill["done"] == 100
    assert backfill["total"] > 100
    assert backfill["total_is_estimate"]


def test_status_says_which_rate_window_the_backfill_waits_for_and_until_when(client, user_headers, make_link):
    midnight = 1_772_409_600  # 2026-03-02T00:00:00Z, when Strava's daily window resets
    make_link(
        backfill_state="waiting", backfill_runs=40, waiting_reason="rate_limit_daily", resume_at=midnight
    )
    backfill = client.get("/users/7/strava", headers=user_headers(7)).json()["backfill"]
    assert (backfill["waiting"], backfill["resumes_at"]) == ("rate_limit_daily", "2026-03-02T00:00:00Z")
    assert backfill["done"] == 40


def test_unlinking_deauthorizes_then_deletes_the_runs_then_the_link(
    client, user_headers, make_link, session, requests_mock, service_token
):
    make_link()
    session.add(SyncedActivity(activity_id=1, user_id=7, run_id=11, summary_hash="h", details="done"))
    session.commit()
    deauthorize = requests_mock.post(f"{STRAVA}/oauth/deauthorize", json={})
    delete = requests_mock.delete(f"{DATA}/users/7/runs?source=strava", json={"deleted": 1})
    answer = client.delete("/users/7/strava", headers=user_headers(7))
    assert answer.status_code == 204
    assert deauthorize.last_request.headers["Authorization"] == "Bearer access-1"
    assert delete.called
    assert requests_mock.request_history.index(
        deauthorize.last_request
    ) < requests_mock.request_history.index(delete.last_request)
    assert session.get(Link, 7, populate_existing=True) is None
