"""Who may call what: scopes per operation, and a runner's token only on their own data."""

import time

import pytest

from .runners import marathon_in_16_weeks

READS = [
    ("/users/{}/fitness", "fitness:read"),
    ("/users/{}/load", "load:read"),
    ("/users/{}/zones", "load:read"),
    ("/users/{}/plans/1", "plans:read"),
]


def plan_body() -> dict:
    return {"race": marathon_in_16_weeks(), "days_per_week": 4}


@pytest.mark.parametrize(("path", "scope"), READS)
def test_a_runner_s_token_does_not_reach_another_runner(app, runner, data, tokens, path, scope):
    other = data.add_user()
    body = app.get(path.format(other), headers=tokens.user(runner, scope), status=403).json
    assert body["detail"] == "This token belongs to another user."


def test_a_runner_s_token_does_not_build_another_runner_s_plan(app, runner, data, tokens):
    other = data.add_user()
    app.post_json(
        f"/users/{other}/plans", plan_body(), headers=tokens.user(runner, "plans:write"), status=403
    )
    assert data.posted_plans == []


@pytest.mark.parametrize(("path", "scope"), READS)
def test_each_read_needs_its_scope(app, runner, tokens, path, scope):
    others = " ".join(s for s in ("fitness:read", "load:read", "plans:read", "plans:write") if s != scope)
    app.get(path.format(runner), headers=tokens.user(runner, others), status=403)


def test_building_a_plan_needs_plans_write(app, runner, tokens, data):
    headers = tokens.user(runner, "fitness:read load:read plans:read")
    app.post_json(f"/users/{runner}/plans", plan_body(), headers=headers, status=403)


def test_a_service_token_with_the_scope_reaches_any_runner(app, runner, tokens):
    assert (
        app.get(f"/users/{runner}/fitness", headers=tokens.service("fitness:read")).json["user_id"] == runner
    )


def test_it_rejects_a_token_for_another_audience(app, runner, tokens):
    headers = tokens.user(runner, audience="runnerly-data")
    app.get(f"/users/{runner}/fitness", headers=headers, status=401)


def test_it_rejects_an_expired_token(app, runner, issuer):
    claims = issuer.claims(
        audience="runnerly-training", scope="fitness:read", sub=str(runner), client_id="dash"
    )
    claims.update(iat=int(time.time()) - 7200, exp=int(time.time()) - 3600)
    headers = {"Authorization": f"Bearer {issuer.sign(claims)}"}
    assert "expired" in app.get(f"/users/{runner}/fitness", headers=headers, status=401).json["detail"]


def test_it_needs_a_token(app, runner):
    app.get(f"/users/{runner}/fitness", status=401)
