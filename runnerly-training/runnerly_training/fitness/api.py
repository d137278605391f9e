"""Handlers of /fitness/estimate and /users/{user_id}/fitness."""

from runnerly_core.auth import caller_for
from runnerly_core.responses import ok
from runnerly_training.extensions import data_service, db
from runnerly_training.fitness import services
from runnerly_training.model import DEFAULT_RIEGEL_EXPONENT


def estimate(body: dict):
    exponent = body.get("riegel_exponent", DEFAULT_RIEGEL_EXPONENT)
    return ok(services.estimate(body["performances"], exponent))


def get_fitness(user_id: int, token_info: dict):
    caller_for(user_id, token_info)
    return ok(services.runner_fitness(db.session, data_service, user_id))
