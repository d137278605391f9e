"""Who may touch what: the object-level checks every handler starts with."""

from runnerly_core.auth import Caller
from runnerly_core.problems import forbidden


def caller_for(user_id: int, token_info: dict) -> Caller:
    """The caller, once checked to be allowed to reach ``user_id``'s data."""
    caller = Caller.from_claims(token_info)
    caller.require_user(user_id)
    return caller


def service_only(token_info: dict) -> Caller:
    """Operations across runners (listing them) are for services, not for a runner."""
    caller = Caller.from_claims(token_info)
    if caller.is_user:
        raise forbidden("Only service tokens may list runners.")
    return caller
