"""Handlers of /users/{user_id}/shoes and of a run's shoe."""

from runnerly_core.auth import caller_for
from runnerly_core.responses import no_content, ok
from runnerly_data.extensions import db
from runnerly_data.shoes import services
from runnerly_data.shoes.models import Shoe


def shoe_json(shoe: Shoe) -> dict:
    distance_m, runs = services.mileage(db.session, shoe)
    return {
        "id": shoe.id,
        "name": shoe.name,
        "brand": shoe.brand,
        "default_for": shoe.default_for,
        "since": shoe.since.isoformat() if shoe.since else None,
        "initial_distance_m": shoe.initial_distance_m,
        "retire_at_m": shoe.retire_at_m,
        "retired": shoe.retired,
        "distance_m": round(distance_m, 1),
        "runs": runs,
        # Worn past the distance the runner set: time for a new pair.
        "retirement_due": not shoe.retired and distance_m >= shoe.retire_at_m,
    }


def list_shoes(user_id: int, token_info: dict):
    caller_for(user_id, token_info)
    return ok({"items": [shoe_json(shoe) for shoe in services.list_shoes(db.session, user_id)]})


def create_shoe(user_id: int, body: dict, token_info: dict):
    caller_for(user_id, token_info)
    shoe = services.create_shoe(db.session, user_id, body)
    return ok(shoe_json(shoe), 201, {"Location": f"/users/{user_id}/shoes/{shoe.id}"})


def get_shoe(user_id: int, shoe_id: int, token_info: dict):
    caller_for(user_id, token_info)
    return ok(shoe_json(services.get_shoe(db.session, user_id, shoe_id)))


def update_shoe(user_id: int, shoe_id: int, body: dict, token_info: dict):
    caller_for(user_id, token_info)
    return ok(shoe_json(services.update_shoe(db.session, user_id, shoe_id, body)))


def delete_shoe(user_id: int, shoe_id: int, token_info: dict):
    caller_for(user_id, token_info)
    services.delete_shoe(db.session, user_id, shoe_id)
    return no_content()


def get_run_shoe(user_id: int, run_id: int, token_info: dict):
    caller_for(user_id, token_info)
    shoe = services.shoe_of_run(db.session, user_id, run_id)
    return ok({"shoe": shoe_json(shoe)} if shoe else {})


def set_run_shoe(user_id: int, run_id: int, body: dict, token_info: dict):
    caller_for(user_id, token_info)
    services.assign(db.session, user_id, run_id, body["shoe_id"])
    return get_run_shoe(user_id, run_id, token_info)
