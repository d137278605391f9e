"""Runner profiles."""

import pytest

from .conftest import ALL_SCOPES
from .factories import run_payload


def test_a_service_creates_and_finds_a_runner_by_email(app, service):
    created = app.post_json(
        "/users", {"email": "Grete@Example.org", "first_name": "Grete"}, headers=service, status=201
    ).json
    assert created["email"] == "grete@example.org"
    found = app.get("/users?email=GRETE@example.org", headers=service).json
    assert [user["id"] for user in found["items"]] == [created["id"]]


def test_an_email_is_taken_once(app, service):
    app.post_json("/users", {"email": "once@example.org"}, headers=service, status=201)
    problem = app.post_json("/users", {"email": "ONCE@example.org"}, headers=service, status=409)
    assert "once@example.org" in problem.json["detail"]


def test_a_runner_updates_their_own_profile(app, runner, as_runner):
    body = {"weight_kg": 58.5, "birth_date": "1990-05-17", "units": "imperial"}
    user = app.patch_json(f"/users/{runner}", body, headers=as_runner).json
    assert (user["weight_kg"], user["birth_date"], user["units"]) == (58.5, "1990-05-17", "imperial")


def test_a_resting_heart_rate_above_the_maximum_is_refused(app, runner, as_runner):
    problem = app.patch_json(
        f"/users/{runner}", {"resting_heartrate": 70, "max_heartrate": 120}, headers=as_runner, status=200
    )
    assert problem.json["max_heartrate"] == 120
    app.patch_json(
        f"/users/{runner}", {"resting_heartrate": 119, "max_heartrate": 110}, headers=as_runner, status=400
    )


@pytest.mark.parametrize(
    "body",
    [
        {"email": "no-at-sign"},
        {"email": "a@b.c", "sex": "Q"},
        {"email": "a@b.c", "timezone": "Nowhere/Land"},
        {"email": "a@b.c", "unknown": 1},
    ],
)
def test_bad_profiles_are_refused_with_a_problem(app, service, body):
    problem = app.post_json("/users", body, headers=service, status=400)
    assert problem.content_type == "application/problem+json"
    assert problem.json["detail"]


def test_deleting_a_runner_deletes_their_runs(app, runner, service, tokens):
    app.post_json(f"/users/{runner}/runs/bulk", {"runs": [run_payload()]}, headers=service)
    app.delete(f"/users/{runner}", headers=tokens.user(runner, ALL_SCOPES), status=204)
    app.get(f"/users/{runner}", headers=service, status=404)
    app.get(f"/users/{runner}/runs", headers=service, status=404)
