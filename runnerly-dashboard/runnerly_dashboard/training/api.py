"""Handlers of fitness, load, zones and plans: the training and data services', for the
session's runner."""

from __future__ import annotations

from runnerly_core.responses import no_content, ok
from runnerly_dashboard.extensions import upstream
from runnerly_dashboard.upstream import DATA, TRAINING


def _range(from_: str | None, to: str | None) -> dict:
    return {key: value for key, value in (("from", from_), ("to", to)) if value}


def fitness(token_info: dict):
    user_id = token_info["user_id"]
    return ok(upstream.user(user_id, TRAINING).get(f"/users/{user_id}/fitness"))


def load(token_info: dict, from_: str | None = None, to: str | None = None):
    user_id = token_info["user_id"]
    return ok(upstream.user(user_id, TRAINING).get(f"/users/{user_id}/load", params=_range(from_, to)))


def zones(token_info: dict, from_: str | None = None, to: str | None = None):
    user_id = token_info["user_id"]
    return ok(upstream.user(user_id, TRAINING).get(f"/users/{user_id}/zones", params=_range(from_, to)))


def list_plans(token_info: dict):
    user_id = token_info["user_id"]
    return ok(upstream.user(user_id, DATA).get(f"/users/{user_id}/plans"))


def create_plan(body: dict, token_info: dict):
    user_id = token_info["user_id"]
    return ok(upstream.user(user_id, TRAINING).json("POST", f"/users/{user_id}/plans", json=body), 201)


def get_plan(plan_id: int, token_info: dict):
    user_id = token_info["user_id"]
    return ok(upstream.user(user_id, TRAINING).get(f"/users/{user_id}/plans/{plan_id}"))


def delete_plan(plan_id: int, token_info: dict):
    user_id = token_info["user_id"]
    upstream.user(user_id, DATA).send("DELETE", f"/users/{user_id}/plans/{plan_id}")
    return no_content()
