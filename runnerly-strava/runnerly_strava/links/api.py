"""Handlers of /users/{user_id}/strava: validated input in, one service call, response out."""

from runnerly_core.problems import problem
from runnerly_core.responses import no_content, ok
from runnerly_core.upstream import UpstreamError
from runnerly_strava.access import caller_for, current_runtime
from runnerly_strava.extensions import db
from runnerly_strava.links import services
from runnerly_strava.links.unlinking import unlink


def start_link(user_id: int, token_info: dict):
    caller_for(user_id, token_info)
    return ok(services.start_link(current_runtime(), user_id))


def complete_link(user_id: int, body: dict, token_info: dict):
    caller_for(user_id, token_info)
    runtime = current_runtime()
    link = services.complete_link(db.session, runtime, user_id, body)
    runtime.jobs.backfill(user_id, link.backfill_before)  # after the commit: the link exists
    return ok(services.link_json(link), 201, {"Location": f"/users/{user_id}/strava"})


def get_link(user_id: int, token_info: dict):
    caller_for(user_id, token_info)
    return ok(services.link_json(services.get_link(db.session, user_id)))


def delete_link(user_id: int, token_info: dict):
    caller_for(user_id, token_info)
    services.get_link(db.session, user_id)
    runtime = current_runtime()
    try:
        unlink(db.session, runtime, user_id, deauthorize=True)
    except UpstreamError:
        raise problem(502, "Bad Gateway", "Runs could not be deleted yet; try unlinking again.") from None
    runtime.events.publish_pending()
    return no_content()
