"""Handlers of signing in with Strava (service tokens only) and of linking by ticket."""

from runnerly_core.auth import Caller
from runnerly_core.problems import forbidden
from runnerly_core.responses import ok
from runnerly_strava.access import caller_for, current_runtime
from runnerly_strava.extensions import db
from runnerly_strava.links import login, services


def _service_only(token_info: dict) -> None:
    if Caller.from_claims(token_info).is_user:
        raise forbidden("Only the dashboard's own token may sign runners in with Strava.")


def start_login(token_info: dict):
    _service_only(token_info)
    return ok(login.start_login(current_runtime()))


def complete_login(body: dict, token_info: dict):
    _service_only(token_info)
    return ok(login.complete_login(db.session, current_runtime(), body))


def link_with_ticket(user_id: int, body: dict, token_info: dict):
    caller_for(user_id, token_info)
    runtime = current_runtime()
    link = login.link_with_ticket(db.session, runtime, user_id, body["ticket"])
    runtime.jobs.backfill(user_id, link.backfill_before)  # after the commit: the link exists
    return ok(services.link_json(link), 201, {"Location": f"/users/{user_id}/strava"})
