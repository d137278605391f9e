"""The token endpoint's grant types.

- ``client_credentials`` (RFC 6749 §4.4): a service acts on its own; ``sub`` is its
  ``client_id`` (RFC 9068 §2.2), and it gets at most the scopes it was registered with.
- ``urn:runnerly:params:oauth:grant-type:user``, an extension grant (§4.5): a trusted
  client (the dashboard) that has signed a user in gets a short-lived token on that user's
  behalf; ``sub`` is the user's id. It gets at most the user scopes it was registered with
  (its scopes that are also configured user scopes), and those alone when it asks for none.

Either way a token is only for an audience the client was registered for, and says whose
it is in ``subject_type``.
"""

import re
from collections.abc import Callable
from typing import Final

from sqlalchemy.orm import Session

from runnerly_tokendealer.clients.models import Client
from runnerly_tokendealer.clients.services import SCOPE_TOKEN
from runnerly_tokendealer.keys.store import KeyStore
from runnerly_tokendealer.oauth import errors
from runnerly_tokendealer.oauth.client_auth import ClientCheck, authenticated_client
from runnerly_tokendealer.oauth.params import Form, single_valued
from runnerly_tokendealer.oauth.tokens import Grant, mint
from runnerly_tokendealer.settings import TokenDealerSettings

CLIENT_CREDENTIALS: Final = "client_credentials"
USER_GRANT: Final = "urn:runnerly:params:oauth:grant-type:user"
# A user id: a positive integer that fits the data service's 64-bit keys.
USER_ID = re.compile(r"[1-9][0-9]{0,17}")

GrantType = Callable[[Client, dict[str, str], TokenDealerSettings], Grant]


def issue_token(
    session: Session, settings: TokenDealerSettings, keys: KeyStore, form: Form, check: ClientCheck
) -> dict:
    """The token response for a token request, or an :class:`~errors.OAuthError`."""
    params = single_valued(form)
    client = authenticated_client(session, params, check)
    grant = _grant_type(params.get("grant_type"))(client, params, settings)
    return mint(grant, keys.signing_key(), settings.token_issuer).response()


def client_credentials(client: Client, params: dict[str, str], settings: TokenDealerSettings) -> Grant:
    audience = _audience(params, settings, client)
    scopes = _scopes(params, allowed=client.scopes, holder="this client")
    return Grant.for_service(client.name, audience, scopes, settings.service_token_ttl_seconds)


def user_tokens(client: Client, params: dict[str, str], settings: TokenDealerSettings) -> Grant:
    if not client.trusted:
        raise errors.unauthorized_client("This client may not obtain tokens for users.")
    subject = _user_id(params)
    audience = _audience(params, settings, client)
    allowed = client.scopes & frozenset(settings.user_scopes)
    scopes = _scopes(params, allowed=allowed, holder="this client's user tokens")
    return Grant.for_user(subject, client.name, audience, scopes, settings.user_token_ttl_seconds)


GRANT_TYPES: dict[str, GrantType] = {CLIENT_CREDENTIALS: client_credentials, USER_GRANT: user_tokens}


def _grant_type(name: str | None) -> GrantType:
    if name is None:
        raise errors.invalid_request("The grant_type parameter is required.")
    if name not in GRANT_TYPES:
        raise errors.unsupported_grant_type(f"Supported grant types: {', '.join(GRANT_TYPES)}.")
    return GRANT_TYPES[name]


def _audience(params: dict[str, str], settings: TokenDealerSettings, client: Client) -> str:
    # RFC 8707 §2: invalid_target covers a target that is missing as well as unknown.
    audience = params.get("audience")
    allowed = [each for each in settings.audiences if each in client.audiences]
    if audience not in allowed:
        raise errors.invalid_target(f"The audience parameter must be one of: {' '.join(allowed)}.")
    return audience


def _scopes(params: dict[str, str], *, allowed: frozenset[str], holder: str) -> frozenset[str]:
    """The requested scopes, or every allowed scope when none is asked for (§3.3)."""
    requested = params.get("scope", "").split(" ")
    scopes = frozenset(scope for scope in requested if scope)
    if not all(SCOPE_TOKEN.fullmatch(scope) for scope in scopes):
        raise errors.invalid_scope("The scope parameter is malformed.")
    if not scopes <= allowed:
        raise errors.invalid_scope(f"Not granted to {holder}: {' '.join(sorted(scopes - allowed))}.")
    if not (scopes or allowed):
        raise errors.invalid_scope(f"No scope is granted to {holder}.")
    return scopes or allowed


def _user_id(params: dict[str, str]) -> str:
    subject = params.get("subject")
    if subject is None or not USER_ID.fullmatch(subject):
        raise errors.invalid_request("The subject parameter must be a user id, a positive integer.")
    return subject
