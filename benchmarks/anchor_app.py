"""The anchor of ``make bench``: the data service's list of runs in plain Flask.

Everything below the HTTP layer is the data service's own code: its settings, engine and
session per request, the core's JWT verifier with its cached JWKS, the object-level check,
the query, the pagination, the JSON representation and the ETag. What differs is only what
Connexion and runnerly_core's middleware do per request, which is what the bench weighs.

Served by ``list_runs.py`` with ``gunicorn --pythonpath benchmarks 'anchor_app:create_app()'``.
"""

from __future__ import annotations

import json

import jwt
from connexion.exceptions import ProblemException
from flask import Flask, Response, current_app, request

from runnerly_core.auth import Caller, TokenVerifier, caller_for
from runnerly_core.db import Database
from runnerly_core.problems import bad_request, problem
from runnerly_data.pagination import envelope, page_of
from runnerly_data.runs import services
from runnerly_data.runs.schemas import body_etag, etag_matches, run_json
from runnerly_data.settings import SERVICE, DataSettings

SCOPE = "runs:read"  # what the spec's security requirement asks of this operation

database = Database()
VERIFIER = "anchor.token_verifier"


def create_app(settings: DataSettings | None = None) -> Flask:
    settings = settings or DataSettings()
    app = Flask(__name__)
    database.init_app(app, settings.database_url)
    verifier = TokenVerifier.from_settings(settings, audience=SERVICE)
    verifier.keys.refresh()  # Flask serves from threads: loading the keys here blocks no loop
    app.extensions[VERIFIER] = verifier
    app.add_url_rule("/users/<int:user_id>/runs", view_func=list_runs)
    app.register_error_handler(ProblemException, _problem_response)
    return app


def list_runs(user_id: int) -> Response:
    # The data service's order: token and scope (Connexion's security), then the
    # parameters, then the handler's object-level check.
    claims = _claims()
    Caller.from_claims(claims).require_scope(SCOPE)
    page, per_page = _int_arg("page", 1, 100_000), _int_arg("per_page", 50, 200)
    caller_for(user_id, claims)
    query = services.runs_query(database.session, user_id, services.RunFilter(), "-start_time")
    runs, total = page_of(database.session, query, page, per_page)
    body = envelope([run_json(run) for run in runs], total, page, per_page)
    etag = body_etag(body)
    if etag_matches(request.headers.get("If-None-Match"), etag):
        return Response(status=304, headers={"ETag": etag})
    return Response(_wire_json(body), 200, {"ETag": etag}, mimetype="application/json")


def _claims() -> dict:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise problem(401, "Unauthorized", "No bearer token.")
    try:
        return current_app.extensions[VERIFIER].verify(token)
    except jwt.PyJWTError as error:
        raise problem(401, "Unauthorized", f"Invalid bearer token: {error}") from None


def _int_arg(name: str, default: int, maximum: int) -> int:
    # Not ``args.get(type=int)``: it falls back to the default on garbage, where the spec says 400.
    raw = request.args.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= maximum:
        raise bad_request(f"Query parameter {name!r} must be an integer from 1 to {maximum}.")
    return int(raw)


def _wire_json(body: dict) -> str:
    """The data service's exact bytes: compact JSON through Flask's JSON provider (sorted
    keys) and a newline (``runnerly_core.app.COMPACT_JSON``). Same bytes, same
    serialisation work, so the comparison weighs only the framework."""
    return json.dumps(body, separators=(",", ":"), sort_keys=True) + "\n"


def _problem_response(error: ProblemException) -> Response:
    body = {"type": "about:blank", "title": error.title, "status": error.status, "detail": error.detail}
    return Response(
        json.dumps({**body, **(error.ext or {})}), error.status, mimetype="application/problem+json"
    )
