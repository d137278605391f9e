"""Handlers of the OAuth endpoints (operationIds in ``openapi/tokendealer.yaml``).

The form is read from Flask rather than from Connexion's ``body``, which joins repeated
parameters into one value: RFC 6749 §3.2 wants a repeated parameter rejected.
"""

from flask import request

from runnerly_tokendealer.extensions import current_hasher, current_settings, db, keys
from runnerly_tokendealer.keys.api import JSON
from runnerly_tokendealer.oauth.client_auth import ClientCheck
from runnerly_tokendealer.oauth.errors import OAUTH_JSON
from runnerly_tokendealer.oauth.grants import issue_token
from runnerly_tokendealer.oauth.introspection import introspect
from runnerly_tokendealer.oauth.metadata import server_metadata


def token():
    response = issue_token(db.session, current_settings(), keys, _form(), _client_check())
    return response, 200, OAUTH_JSON


def introspection():
    response = introspect(db.session, current_settings(), keys, _form(), _client_check())
    return response, 200, OAUTH_JSON


def metadata():
    return server_metadata(db.session, current_settings()), 200, JSON


def _form() -> dict[str, list[str]]:
    return request.form.to_dict(flat=False)


def _client_check() -> ClientCheck:
    # remote_addr is the peer, or the address a trusted proxy forwarded (uvicorn's
    # --forwarded-allow-ips): the gateway's clients, not the gateway.
    return ClientCheck(
        authorization=request.headers.get("Authorization"),
        address=request.remote_addr or "unknown",
        hasher=current_hasher(),
        limits=current_settings().failure_limits,
    )
