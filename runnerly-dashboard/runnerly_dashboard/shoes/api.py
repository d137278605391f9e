"""Handlers of the runner's shoes and of the pair a run was worn in (the data service's)."""

from __future__ import annotations

from runnerly_core.responses import no_content, ok
from runnerly_dashboard.extensions import upstream
from runnerly_dashboard.upstream import DATA, Calls


def _data(token_info: dict) -> tuple[Calls, str]:
    """The data service, as the session's runner, and the runner's path there."""
    user_id = token_info["user_id"]
    return upstream.user(user_id, DATA), f"/users/{user_id}"


def list_shoes(token_info: dict):
    calls, base = _data(token_info)
    return ok(calls.get(f"{base}/shoes"))


def create_shoe(body: dict, token_info: dict):
    calls, base = _data(token_info)
    return ok(calls.json("POST", f"{base}/shoes", json=body), 201)


def update_shoe(shoe_id: int, body: dict, token_info: dict):
    calls, base = _data(token_info)
    return ok(calls.json("PATCH", f"{base}/shoes/{shoe_id}", json=body))


def delete_shoe(shoe_id: int, token_info: dict):
    calls, base = _data(token_info)
    calls.send("DELETE", f"{base}/shoes/{shoe_id}")
    return no_content()


def get_run_shoe(run_id: int, token_info: dict):
    calls, base = _data(token_info)
    return ok(calls.get(f"{base}/runs/{run_id}/shoe"))


def set_run_shoe(run_id: int, body: dict, token_info: dict):
    calls, base = _data(token_info)
    return ok(calls.json("PUT", f"{base}/runs/{run_id}/shoe", json=body))
