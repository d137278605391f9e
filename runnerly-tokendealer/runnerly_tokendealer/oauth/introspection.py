"""Token introspection (RFC 7662).

A token is active when this server signed it with a key it still publishes, it has not
expired, its audience is still one this server issues for, and its client has not been
revoked since: introspection is where revoking a client takes effect at once.
"""

from sqlalchemy.orm import Session

from runnerly_tokendealer.clients.services import find_client
from runnerly_tokendealer.keys.store import KeyStore
from runnerly_tokendealer.oauth.client_auth import authenticated_client
from runnerly_tokendealer.oauth.errors import invalid_request
from runnerly_tokendealer.oauth.params import Form, single_valued
from runnerly_tokendealer.oauth.tokens import verified_claims
from runnerly_tokendealer.settings import TokenDealerSettings

INACTIVE = {"active": False}
ANSWERED_CLAIMS = ("scope", "client_id", "sub", "aud", "iss", "exp", "iat", "jti")


def introspect(
    session: Session, settings: TokenDealerSettings, keys: KeyStore, form: Form, authorization: str | None
) -> dict:
    params = single_valued(form)
    authenticated_client(session, params, authorization)
    if "token" not in params:
        raise invalid_request("The token parameter is required.")
    claims = verified_claims(params["token"], keys, settings.token_issuer)
    if claims is None or not _still_valid(session, settings, claims):
        return INACTIVE
    return {"active": True, "token_type": "Bearer", **{name: claims[name] for name in ANSWERED_CLAIMS}}


def _still_valid(session: Session, settings: TokenDealerSettings, claims: dict) -> bool:
    if claims["aud"] not in settings.audiences:
        return False
    client = find_client(session, claims["client_id"])
    return client is not None and not client.is_revoked
