"""Who may touch what, beyond core's ``caller_for``: operations across runners."""

from runnerly_core.auth import Caller
from runnerly_core.problems import forbidden


def service_only(token_info: dict) -> Caller:
    """Operations across runners (listing them) are for services, not for a runner."""
    caller = Caller.from_claims(token_info)
    if caller.is_user:
        raise forbidden("Only service tokens may list runners.")
    return caller
