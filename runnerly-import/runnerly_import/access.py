"""Who may touch what: a user token reaches only its own user's uploads and jobs."""

from flask import current_app

from runnerly_core.auth import Caller
from runnerly_import.runtime import Runtime

RUNTIME = "runnerly_import.runtime"


def caller_for(user_id: int, token_info: dict) -> Caller:
    caller = Caller.from_claims(token_info)
    caller.require_user(user_id)
    return caller


def current_runtime() -> Runtime:
    return current_app.extensions[RUNTIME]
