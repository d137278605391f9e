"""The runner in the data service, created when an address is confirmed."""

from __future__ import annotations

from runnerly_dashboard.extensions import upstream
from runnerly_dashboard.upstream import DATA, checked


def create_runner(email: str, profile: dict) -> int:
    """The new runner's id. A runner with this address may exist already (made by an
    operator, or by an earlier attempt whose commit here failed): the confirmed owner of
    the address gets it."""
    calls = upstream.own(DATA)
    response = calls.response("POST", "/users", json={"email": email, **profile})
    if response.status_code == 409:
        found = calls.get("/users", params={"email": email})["items"]
        if found:
            return found[0]["id"]
    return checked(response).json()["id"]
