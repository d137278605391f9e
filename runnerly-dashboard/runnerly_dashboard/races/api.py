"""Handlers of the race calendar (the data service's)."""

from __future__ import annotations

from runnerly_core.responses import ok
from runnerly_dashboard.extensions import upstream
from runnerly_dashboard.upstream import DATA


def list_races(token_info: dict, page: int = 1, per_page: int = 50, from_=None, to=None, q=None):
    params = {"from": from_, "to": to, "q": q, "page": page, "per_page": per_page}
    body = upstream.user(token_info["user_id"], DATA).get(
        "/races", params={k: v for k, v in params.items() if v}
    )
    return ok(body)


def create_race(body: dict, token_info: dict):
    return ok(upstream.user(token_info["user_id"], DATA).json("POST", "/races", json=body), 201)


def get_race(race_id: int, token_info: dict):
    return ok(upstream.user(token_info["user_id"], DATA).get(f"/races/{race_id}"))
