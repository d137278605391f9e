"""Who may touch what: the object-level check every per-runner handler starts with."""

from runnerly_core.auth import Caller


def caller_for(user_id: int, token_info: dict) -> Caller:
    """The caller, once checked to be allowed to reach ``user_id``'s data (scopes are
    checked by Connexion from the spec)."""
    caller = Caller.from_claims(token_info)
    caller.require_user(user_id)
    return caller
