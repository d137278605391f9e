"""Handlers of the OAuth endpoints (operationIds in ``openapi/tokendealer.yaml``).

The form is read from Flask rather than from Connexion's ``body``, which joins repeated
parameters into one value: RFC 6749 §3.2 wants a repeated parameter rejected.
"""

from flask import request

from runnerly_tokendealer.extensions import current_settings, db, keys
from runnerly_tokendealer.keys.api import JSON
from runnerly_tokendealer.oauth.errors import NO_STORE
from runnerly_tokendealer.oauth.grants import issue_token
from runnerly_tokendealer.oauth.introspection import introspect
from runnerly_tokendealer.oauth.metadata import server_metadata


def token():
    response = issue_token(db.session, current_settings(), keys, _form(), _authorization())
    return response, 200, NO_STORE


def introspection():
    response = introspect(db.session, current_settings(), keys, _form(), _authorization())
    return response, 200, NO_STORE


def metadata():
    return server_metadata(db.session, current_settings()), 200, JSON


def _form() -> dict[str, list[str]]:
    return request.form.to_dict(flat=False)


def _authorization() -> str | None:
    return request.headers.get("Authorization")
