"""Handlers of /users/{user_id}/plans."""

from datetime import UTC, datetime

from runnerly_core.auth import caller_for
from runnerly_core.responses import no_content, ok
from runnerly_data.extensions import db
from runnerly_data.plans import services
from runnerly_data.plans.schemas import plan_json, plan_summary_json, planned_run_json


def _today():
    return datetime.now(UTC).date()


def list_plans(user_id: int, token_info: dict):
    caller_for(user_id, token_info)
    return ok({"items": [plan_summary_json(p) for p in services.list_plans(db.session, user_id)]})


def create_plan(user_id: int, body: dict, token_info: dict):
    caller_for(user_id, token_info)
    plan = services.create_plan(db.session, user_id, body)
    return ok(plan_json(plan, _today()), 201, {"Location": f"/users/{user_id}/plans/{plan.id}"})


def get_plan(user_id: int, plan_id: int, token_info: dict):
    caller_for(user_id, token_info)
    return ok(plan_json(services.get_plan(db.session, user_id, plan_id), _today()))


def delete_plan(user_id: int, plan_id: int, token_info: dict):
    caller_for(user_id, token_info)
    services.delete_plan(db.session, user_id, plan_id)
    return no_content()


def link_planned_run(user_id: int, plan_id: int, planned_run_id: int, body: dict, token_info: dict):
    caller_for(user_id, token_info)
    planned = services.link_planned_run(db.session, user_id, plan_id, planned_run_id, body["run_id"])
    return ok(planned_run_json(planned))
