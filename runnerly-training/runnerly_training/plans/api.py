"""Handlers of /users/{user_id}/plans."""

from runnerly_core.auth import caller_for
from runnerly_core.responses import ok
from runnerly_training.extensions import data_service, db
from runnerly_training.plans import services


def create_plan(user_id: int, body: dict, token_info: dict):
    caller_for(user_id, token_info)
    plan = services.build_plan(db.session, data_service, user_id, body)
    return ok(plan, 201, {"Location": f"/users/{user_id}/plans/{plan['id']}"})


def get_plan(user_id: int, plan_id: int, token_info: dict):
    caller_for(user_id, token_info)
    return ok(services.plan_progress(data_service, user_id, plan_id))
