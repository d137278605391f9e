"""Signing in with Strava: the dashboard's own token starts a consent for no runner; a
linked athlete's answer names their runner, a new athlete's is a single-use ticket."""

from urllib.parse import parse_qs, urlsplit

import pytest

from runnerly_strava.links.models import Link

from .conftest import STRAVA
from .test_linking import GRANT, REFRESH_TOKEN


@pytest.fixture
def dashboard(issuer):
    token = issuer.service_token("runnerly-dashboard", audience="runnerly-strava", scope="strava:login")
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def strava_token(requests_mock):
    return requests_mock.post(f"{STRAVA}/oauth/token", json=GRANT)


def sign_in(client, dashboard) -> dict:
    started = client.post("/strava/login", headers=dashboard).json()
    redirect_uri = parse_qs(urlsplit(started["authorize_url"]).query)["redirect_uri"][0]
    assert urlsplit(redirect_uri).path == "/strava/login/callback"
    body = {"state": started["state"], "code": "c0de", "scope": "read,activity:read_all"}
    answer = client.post("/strava/login/callback", json=body, headers=dashboard)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_a_linked_athlete_signs_in_as_their_runner_and_the_link_gets_the_fresh_tokens(
    client, dashboard, strava_token, make_link, session, runtime
):
    make_link(user_id=7, athlete_id=42)

    answer = sign_in(client, dashboard)

    assert answer["user_id"] == 7
    assert "ticket" not in answer
    assert runtime.cipher.open(session.get(Link, 7, populate_existing=True).refresh_token) == REFRESH_TOKEN


def test_a_new_athlete_gets_a_ticket_that_links_the_new_runner_once(
    client, dashboard, strava_token, user_headers, session, runtime
):
    answer = sign_in(client, dashboard)
    assert answer["user_id"] is None
    assert answer["athlete"]["name"] == "Ada Lovelace"
    assert REFRESH_TOKEN not in answer["ticket"]

    ticket = {"ticket": answer["ticket"]}
    linked = client.post("/users/9/strava/link/ticket", json=ticket, headers=user_headers(9))
    again = client.post("/users/10/strava/link/ticket", json=ticket, headers=user_headers(10))

    assert linked.status_code == 201
    assert linked.json()["athlete"]["id"] == 42
    assert runtime.jobs.sent["backfill"] == [(9, None)]
    assert again.status_code == 403


def test_a_runners_own_token_cannot_sign_in_with_strava(client, user_headers, issuer):
    token = issuer.user_token(7, audience="runnerly-strava", scope="strava:login")

    answer = client.post("/strava/login", headers={"Authorization": f"Bearer {token}"})

    assert answer.status_code == 403
