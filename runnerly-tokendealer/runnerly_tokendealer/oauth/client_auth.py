"""Client authentication at the OAuth endpoints (RFC 6749 §2.3.1).

A client proves itself with HTTP Basic (``client_secret_basic``) or with ``client_id`` and
``client_secret`` in the form (``client_secret_post``), never both at once.
"""

import base64
import binascii
from dataclasses import dataclass
from urllib.parse import unquote_plus

from sqlalchemy.orm import Session

from runnerly_tokendealer.clients import throttle
from runnerly_tokendealer.clients.models import Client
from runnerly_tokendealer.clients.secrets import SecretHasher
from runnerly_tokendealer.clients.services import CLIENT_NAME, authenticate
from runnerly_tokendealer.oauth.errors import invalid_client, invalid_request, too_many_failures

AUTH_METHODS = ["client_secret_basic", "client_secret_post"]


@dataclass(frozen=True)
class Credentials:
    client_id: str
    secret: str


@dataclass(frozen=True)
class ClientCheck:
    """What client authentication needs besides the form: the request's ``Authorization``
    header and address, the secret hasher, and the throttle's limits."""

    authorization: str | None
    address: str
    hasher: SecretHasher
    limits: throttle.Limits


def authenticated_client(session: Session, params: dict[str, str], check: ClientCheck) -> Client:
    credentials = _credentials(params, check.authorization)
    # Only a well-formed name gets a throttle of its own; any other counts for its address.
    name = credentials.client_id if CLIENT_NAME.fullmatch(credentials.client_id) else ""
    attempt = throttle.Attempt(name, check.address)
    wait = throttle.retry_after(session, attempt, check.limits)
    if wait is not None:
        raise too_many_failures(wait)
    client = authenticate(session, check.hasher, credentials.client_id, credentials.secret)
    if client is None:
        throttle.record_failure(session, attempt, check.limits)
        raise invalid_client()
    session.commit()  # a rehashed secret, if any
    return client


def _credentials(params: dict[str, str], authorization: str | None) -> Credentials:
    if authorization is None:
        return _form_credentials(params)
    basic = _basic_credentials(authorization)
    if "client_secret" in params:
        raise invalid_request("Authenticate with HTTP Basic or with form fields, not both.")
    if params.get("client_id", basic.client_id) != basic.client_id:
        raise invalid_request("The client_id field differs from the HTTP Basic user.")
    return basic


def _form_credentials(params: dict[str, str]) -> Credentials:
    if "client_id" not in params or "client_secret" not in params:
        raise invalid_client()  # no credentials at all: nothing to count against anyone
    return Credentials(params["client_id"], params["client_secret"])


def _basic_credentials(authorization: str) -> Credentials:
    scheme, _, encoded = authorization.partition(" ")
    if scheme.lower() != "basic":
        raise invalid_client()
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        raise invalid_client() from None
    client_id, colon, secret = decoded.partition(":")
    if not colon:
        raise invalid_client()
    # §2.3.1: both parts are form-urlencoded before they are joined.
    return Credentials(unquote_plus(client_id), unquote_plus(secret))
