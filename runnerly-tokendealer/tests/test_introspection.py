"""Token introspection (RFC 7662)."""

from datetime import UTC, datetime, timedelta

import pytest

from runnerly_core.testing import TestIssuer
from runnerly_tokendealer.extensions import keys
from runnerly_tokendealer.oauth.tokens import Grant, mint
from tests.helpers import RegisteredClient, assert_oauth_error

ANSWERED = ("scope", "client_id", "sub", "subject_type", "aud", "iss", "exp", "iat", "jti")


def test_it_reports_a_valid_token_as_active_with_its_claims(clients, oauth):
    caller = clients.add("runnerly-data")
    token = oauth.access_token(clients.add("runnerly-strava", "runs:write"), audience="runnerly-data")

    response = oauth.introspect(caller, token)

    assert response.status_int == 200
    assert response.headers["Cache-Control"] == "no-store"
    claims = oauth.verify(token)
    assert response.json == {
        "active": True,
        "token_type": "Bearer",
        **{name: claims[name] for name in ANSWERED},
    }


def test_it_reports_a_user_token_with_the_user_as_subject(clients, oauth):
    token = oauth.access_token(
        clients.dashboard(), grant_type=("urn:runnerly:params:oauth:grant-type:user"), subject="42"
    )

    response = oauth.introspect(clients.add(), token)

    assert response.json["active"] is True
    assert response.json["sub"] == "42"
    assert response.json["subject_type"] == "user"


def test_it_accepts_client_authentication_in_the_form(clients, oauth):
    caller = clients.add()
    token = oauth.access_token(caller)

    response = oauth.http.post("/oauth/introspect", {"token": token, **caller.form})

    assert response.json["active"] is True


@pytest.mark.in_process
def test_it_reports_an_expired_token_as_inactive(clients, oauth, settings):
    caller = clients.add()
    two_hours_ago = datetime.now(UTC) - timedelta(hours=2)
    grant = Grant.for_service(caller.client_id, "runnerly-data", frozenset({"runs:read"}), 3600)
    expired = mint(grant, keys.signing_key(), settings.token_issuer, now=two_hours_ago)

    response = oauth.introspect(caller, expired.access_token)

    assert response.json == {"active": False}


def test_it_reports_a_tampered_token_as_inactive(clients, oauth):
    caller = clients.add()
    header, payload, signature = oauth.access_token(caller).split(".")
    forged_payload = payload[:-4] + ("AAAA" if payload[-4:] != "AAAA" else "BBBB")

    response = oauth.introspect(caller, f"{header}.{forged_payload}.{signature}")

    assert response.json == {"active": False}


def test_it_reports_a_token_signed_by_a_key_it_does_not_know_as_inactive(clients, oauth):
    caller = clients.add()
    forged = TestIssuer(issuer=oauth.issuer).service_token(
        caller.client_id, audience="runnerly-data", scope="runs:read"
    )

    response = oauth.introspect(caller, forged)

    assert response.json == {"active": False}


@pytest.mark.parametrize("token", ["not-a-jwt", "a.b.c", "eyJhbGciOiJub25lIn0.e30."])
def test_it_reports_garbage_as_inactive(clients, oauth, token):
    response = oauth.introspect(clients.add(), token)

    assert response.json == {"active": False}


def test_it_reports_the_tokens_of_a_revoked_client_as_inactive(clients, oauth):
    caller, revoked = clients.add(), clients.add("runnerly-strava")
    token = oauth.access_token(revoked)
    clients.revoke(revoked)

    response = oauth.introspect(caller, token)

    assert response.json == {"active": False}


def test_it_requires_client_authentication(clients, oauth):
    token = oauth.access_token(clients.add())

    response = oauth.introspect(None, token)

    assert_oauth_error(response, 401, "invalid_client")


def test_it_rejects_a_caller_with_a_wrong_secret(clients, oauth):
    caller = clients.add()

    response = oauth.introspect(RegisteredClient(caller.client_id, "wrong"), "whatever")

    assert_oauth_error(response, 401, "invalid_client")


def test_it_requires_a_token_parameter(clients, oauth):
    response = oauth.introspect(clients.add(), None)

    assert_oauth_error(response, 400, "invalid_request")


def test_it_accepts_and_ignores_a_token_type_hint(clients, oauth):
    caller = clients.add()

    hint = {"token_type_hint": "access_token"}

    response = oauth.introspect(caller, oauth.access_token(caller), **hint)

    assert response.json["active"] is True
