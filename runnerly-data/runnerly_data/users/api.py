"""Handlers of /users: validated input in, one service call, response out."""

from runnerly_core.responses import no_content, ok
from runnerly_data.access import caller_for, service_only
from runnerly_data.events import publish_recorded
from runnerly_data.extensions import db
from runnerly_data.pagination import envelope, page_of
from runnerly_data.users import services
from runnerly_data.users.schemas import user_json


def create_user(body: dict, token_info: dict):
    service_only(token_info)
    user = services.create_user(db.session, body)
    return ok(user_json(user), 201, {"Location": f"/users/{user.id}"})


def list_users(token_info: dict, email: str | None = None, page: int = 1, per_page: int = 50):
    service_only(token_info)
    users, total = page_of(db.session, services.users_query(email), page, per_page)
    return ok(envelope([user_json(user) for user in users], total, page, per_page))


def get_user(user_id: int, token_info: dict):
    caller_for(user_id, token_info)
    return ok(user_json(services.get_user(db.session, user_id)))


def update_user(user_id: int, body: dict, token_info: dict):
    caller_for(user_id, token_info)
    return ok(user_json(services.update_user(db.session, user_id, body)))


def delete_user(user_id: int, token_info: dict):
    caller_for(user_id, token_info)
    services.delete_user(db.session, user_id)
    publish_recorded()
    return no_content()
