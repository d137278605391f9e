"""The spec's ``session`` security scheme: the session cookie names a live session.

Connexion calls this on its event loop, so the database lookup runs in a worker thread.
What it answers reaches the handlers as ``token_info``: the runner's id there comes from
the session, never from the request, so every per-runner call is the caller's own.
"""

from __future__ import annotations

from anyio import to_thread
from connexion.exceptions import OAuthProblem

from runnerly_dashboard.accounts.models import Account
from runnerly_dashboard.extensions import db
from runnerly_dashboard.sessions import services

# Connexion's own words ("Provided apikey is not valid") mean nothing to a runner.
SESSION_ENDED = "You are not logged in, or your session has ended: log in again."


async def session_info(api_key: str, required_scopes=None) -> dict:
    info = await to_thread.run_sync(lookup, api_key)
    if info is None:
        raise OAuthProblem(detail=SESSION_ENDED)
    return info


def lookup(token: str) -> dict | None:
    with db.new_session() as session:
        found = services.find(session, token)
        if found is None:
            return None
        account = session.get(Account, found.account_id)
        if account is None or account.user_id is None:
            return None
        info = {
            "sub": str(account.user_id),
            "user_id": account.user_id,
            "account_id": account.id,
            "session_id": found.id,
        }
        if services.touch(found):
            session.commit()
        return info
