"""Handlers of the Strava link (the Strava service's), for the session's runner."""

from __future__ import annotations

from runnerly_core.responses import no_content, ok
from runnerly_dashboard.extensions import upstream
from runnerly_dashboard.upstream import STRAVA, Calls, checked


def _strava(token_info: dict) -> tuple[Calls, str]:
    user_id = token_info["user_id"]
    return upstream.user(user_id, STRAVA), f"/users/{user_id}/strava"


def link_status(calls: Calls, path: str) -> dict:
    response = calls.response("GET", path)
    if response.status_code == 404:
        return {"linked": False}
    return {"linked": True, "link": checked(response).json()}


def status(token_info: dict):
    return ok(link_status(*_strava(token_info)))


def start_link(token_info: dict):
    calls, path = _strava(token_info)
    answer = calls.json("POST", f"{path}/link")
    return ok({"authorize_url": answer["authorize_url"], "expires_in": answer["expires_in"]})


def complete_link(body: dict, token_info: dict):
    calls, path = _strava(token_info)
    return ok({"linked": True, "link": calls.json("POST", f"{path}/link/callback", json=body)})


def unlink(token_info: dict):
    calls, path = _strava(token_info)
    calls.send("DELETE", path)
    return no_content()
