"""Continue with Strava: a linked athlete logs in as their runner; a new athlete becomes a
new runner (created in the data service), linked with the ticket, and logged in."""

from __future__ import annotations

import re

import jwt

from .conftest import STRAVA_URL

TICKET_URL = re.compile(rf"{STRAVA_URL}/users/\d+/strava/link/ticket")
ATHLETE = {"id": 77, "name": "Grace Hopper", "firstname": "Grace", "lastname": "Hopper"}
ANSWER = {"state": "s", "code": "c", "scope": "read,activity:read_all"}


def test_continue_with_strava_starts_at_the_strava_consent_with_the_dashboards_own_token(browser, edge):
    started = edge.post(
        f"{STRAVA_URL}/strava/login",
        json={"authorize_url": "http://sandbox/authorize?s=1", "state": "s", "expires_in": 600},
    )

    answer = browser.post("/api/strava/login").json

    assert answer == {"authorize_url": "http://sandbox/authorize?s=1", "expires_in": 600}
    claims = jwt.decode(
        started.last_request.headers["Authorization"].split()[1], options={"verify_signature": False}
    )
    assert (claims["sub"], claims["scope"]) == ("runnerly-dashboard", "strava:login")


def test_a_linked_athlete_logs_in_as_their_runner(runner, edge, email):
    user_id = runner.get("/api/me").json["user_id"]
    runner.post("/api/logout", status=204)
    edge.post(f"{STRAVA_URL}/strava/login/callback", json={"user_id": user_id, "athlete": ATHLETE})

    session = runner.post("/api/strava/login/callback", ANSWER).json

    assert session["account"] == {"user_id": user_id, "email": email, "has_password": True}
    assert runner.get("/api/me").json["user_id"] == user_id


def test_a_new_athlete_becomes_a_runner_linked_by_the_ticket_and_logged_in(browser, edge, data_as):
    edge.post(
        f"{STRAVA_URL}/strava/login/callback", json={"user_id": None, "athlete": ATHLETE, "ticket": "t1"}
    )
    linked = edge.post(TICKET_URL, status_code=201, json={})

    session = browser.post("/api/strava/login/callback", ANSWER).json

    user_id = session["account"]["user_id"]
    assert session["account"]["has_password"] is False
    assert linked.last_request.json() == {"ticket": "t1"}
    assert f"/users/{user_id}/strava/link/ticket" in linked.last_request.url
    runner = data_as(user_id, "GET", f"/users/{user_id}").json()
    assert (runner["first_name"], runner["email"]) == ("Grace", "strava-77@athletes.runnerly.invalid")
    assert browser.get("/api/me").json["first_name"] == "Grace"


def test_a_runner_who_came_with_strava_sets_their_address_without_a_password(browser, edge, email):
    from .runners import token_of

    edge.post(
        f"{STRAVA_URL}/strava/login/callback",
        json={"user_id": None, "athlete": {**ATHLETE, "id": 78}, "ticket": "t"},
    )
    edge.post(TICKET_URL, status_code=201, json={})
    browser.post("/api/strava/login/callback", ANSWER)

    browser.write("PUT", "/api/email", {"email": email, "password": "-"}, status=202)
    browser.post(
        "/api/email/confirm", {"token": token_of(browser.sink.link_to(email, "/confirm-email"))}, status=204
    )

    assert browser.get("/api/me").json["email"] == email
