"""Strava's OAuth 2 endpoints: authorize (consent page), token, deauthorize."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from flask import Blueprint, Response, jsonify, redirect, request

from . import serialize
from .clients import authenticate_client, bearer_token, host_allowed
from .config import Application
from .consent import render_consent
from .core import current_sandbox
from .errors import bad_request
from .tokens import SCOPES, TokenPair, format_scopes

oauth = Blueprint("strava_oauth", __name__, url_prefix="/oauth")
ATHLETE_COOKIE = "strava_sandbox_athlete"


def _values() -> dict[str, str]:
    return dict(request.values.items())


def _application(values: dict[str, str]) -> Application:
    application = current_sandbox().application(values.get("client_id"))
    if application is None:
        raise bad_request("Application", "client_id")
    if not host_allowed(application, values.get("redirect_uri", "")):
        raise bad_request("Application", "redirect_uri")
    if values.get("response_type", "code") != "code":
        raise bad_request("Authorize", "response_type")
    return application


def _scopes(raw: list[str]) -> frozenset[str]:
    scopes = frozenset(s.strip() for value in raw for s in value.split(",") if s.strip())
    if not scopes <= set(SCOPES):
        raise bad_request("Authorize", "scope")
    return scopes


def _redirect_back(redirect_uri: str, params: dict[str, str]) -> Response:
    parts = urlsplit(redirect_uri)
    query = [*parse_qsl(parts.query), *params.items()]
    # Strava leaves the commas and colons of the scope list unescaped.
    return redirect(urlunsplit(parts._replace(query=urlencode(query, safe=",:"))), code=302)


def _approve(
    application: Application, athlete_id: int, scopes: frozenset[str], values: dict[str, str]
) -> Response:
    code = current_sandbox().tokens.issue_code(application.client_id, athlete_id, scopes)
    params = {"state": values.get("state", ""), "code": code, "scope": format_scopes(scopes)}
    response = _redirect_back(values["redirect_uri"], params)
    response.set_cookie(ATHLETE_COOKIE, str(athlete_id), httponly=True, samesite="Lax")
    return response


def _remembered_athlete(application: Application, scopes: frozenset[str]) -> int | None:
    """approval_prompt=auto skips the page when the remembered athlete already granted it all."""
    raw = request.cookies.get(ATHLETE_COOKIE, "")
    athlete_id = int(raw) if raw.isdigit() else None
    if athlete_id is None:
        return None
    granted = current_sandbox().tokens.granted_scopes(application.client_id, athlete_id)
    return athlete_id if granted is not None and scopes <= granted else None


@oauth.get("/authorize")
def authorize_page() -> Any:
    values = _values()
    application = _application(values)
    scopes = _scopes([values.get("scope") or "read"])
    if values.get("approval_prompt", "auto") == "auto":
        athlete_id = _remembered_athlete(application, scopes)
        if athlete_id is not None:
            return _approve(application, athlete_id, scopes, values)
    athletes = list(current_sandbox().activities.athletes.values())
    return render_consent(application, athletes, scopes, values["redirect_uri"], values.get("state", ""))


@oauth.post("/authorize")
def authorize_decision() -> Response:
    """The consent form's answer, also usable directly by scripts and tests."""
    values = dict(request.form.items())
    application = _application(values)
    if values.get("decision", "authorize") != "authorize":
        return _redirect_back(
            values["redirect_uri"], {"state": values.get("state", ""), "error": "access_denied"}
        )
    raw_athlete = values.get("athlete_id", "")
    if not raw_athlete.isdigit() or current_sandbox().activities.athlete(int(raw_athlete)) is None:
        raise bad_request("Athlete", "athlete_id")
    return _approve(application, int(raw_athlete), _scopes(request.form.getlist("scope")), values)


def _token_answer(pair: TokenPair) -> dict[str, Any]:
    now = int(current_sandbox().clock())
    return {
        "token_type": "Bearer",
        "expires_at": pair.access.expires_at,
        "expires_in": max(0, pair.access.expires_at - now),
        "refresh_token": pair.refresh_token,
        "access_token": pair.access.token,
    }


@oauth.post("/token")
def token() -> Any:
    values = _values()
    application = authenticate_client(values)
    tokens = current_sandbox().tokens
    grant_type = values.get("grant_type")
    if grant_type == "authorization_code":
        pair = tokens.exchange_code(application.client_id, values.get("code", ""))
        athlete = current_sandbox().activities.athletes[pair.access.athlete_id]
        return jsonify({**_token_answer(pair), "athlete": serialize.summary_athlete(athlete)})
    if grant_type == "refresh_token":
        return jsonify(_token_answer(tokens.refresh(application.client_id, values.get("refresh_token", ""))))
    raise bad_request("RefreshToken" if "refresh_token" in values else "AuthorizationCode", "grant_type")


@oauth.post("/deauthorize")
def deauthorize() -> Any:
    sandbox = current_sandbox()
    token_value = bearer_token()
    access = sandbox.tokens.deauthorize(token_value)
    sandbox.notify_deauthorization(access.client_id, access.athlete_id)
    return jsonify({"access_token": token_value})
