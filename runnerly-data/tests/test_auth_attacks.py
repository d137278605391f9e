"""Forged and misdirected tokens against a protected operation: every one is refused."""

import base64
import hashlib
import hmac
import json
import time

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from runnerly_data.settings import SERVICE

from .conftest import ALL_SCOPES, LIVE_URL
from .factories import manual_payload, run_payload
from .tokens import bearer


@pytest.fixture
def claims(issuer, runner):
    return issuer.claims(audience=SERVICE, scope=ALL_SCOPES, sub=str(runner), client_id="runnerly-dashboard")


def runs_of(app, runner, token, status):
    return app.get(f"/users/{runner}/runs", headers=bearer(token), status=status)


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


@pytest.mark.skipif(bool(LIVE_URL), reason="a live server trusts its own token dealer, not the test key")
def test_the_genuine_token_is_accepted(app, runner, issuer, claims):
    runs_of(app, runner, issuer.sign(claims), 200)


def test_it_rejects_alg_none(app, runner, claims):
    token = f"{b64({'alg': 'none', 'typ': 'JWT', 'kid': 'test-key'})}.{b64(claims)}."
    problem = runs_of(app, runner, token, 401)
    assert problem.content_type == "application/problem+json"


def test_it_rejects_hs256_signed_with_the_public_key(app, runner, issuer, claims):
    public_pem = issuer.private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = b64({"alg": "HS256", "typ": "JWT", "kid": issuer.kid})
    signing_input = f"{header}.{b64(claims)}".encode()
    signature = hmac.new(public_pem, signing_input, hashlib.sha256).digest()
    token = f"{signing_input.decode()}.{base64.urlsafe_b64encode(signature).rstrip(b'=').decode()}"
    runs_of(app, runner, token, 401)


def test_it_rejects_an_expired_token(app, runner, issuer, claims):
    now = int(time.time())
    runs_of(app, runner, issuer.sign({**claims, "iat": now - 7200, "exp": now - 3600}), 401)


def test_it_rejects_a_token_not_yet_valid(app, runner, issuer, claims):
    now = int(time.time())
    runs_of(app, runner, issuer.sign({**claims, "nbf": now + 3600}), 401)


def test_it_rejects_a_token_issued_in_the_future(app, runner, issuer, claims):
    now = int(time.time())
    runs_of(app, runner, issuer.sign({**claims, "iat": now + 3600, "exp": now + 7200}), 401)


def test_it_rejects_a_token_for_another_audience(app, runner, issuer, claims):
    runs_of(app, runner, issuer.sign({**claims, "aud": "runnerly-training"}), 401)


def test_it_rejects_a_token_from_another_issuer(app, runner, issuer, claims):
    runs_of(app, runner, issuer.sign({**claims, "iss": "https://evil.example"}), 401)


def test_it_rejects_an_unknown_kid(app, runner, issuer, claims):
    runs_of(app, runner, issuer.sign(claims, headers={"kid": "someone-elses-key"}), 401)


def test_it_rejects_a_token_signed_by_another_key_with_our_kid(app, runner, issuer, claims):
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    runs_of(app, runner, issuer.sign(claims, key=stranger), 401)


def test_it_rejects_a_tampered_payload(app, runner, issuer, claims):
    header, _, signature = issuer.sign(claims).split(".")
    forged = f"{header}.{b64({**claims, 'sub': str(runner + 1)})}.{signature}"
    runs_of(app, runner, forged, 401)


@pytest.mark.parametrize("claim", ["iss", "aud", "exp", "iat", "sub", "scope", "jti", "subject_type"])
def test_it_rejects_a_token_missing_a_required_claim(app, runner, issuer, claims, claim):
    runs_of(app, runner, issuer.sign({k: v for k, v in claims.items() if k != claim}), 401)


def test_it_rejects_garbage(app, runner):
    runs_of(app, runner, "not.a.jwt", 401)


def test_it_rejects_a_request_without_a_token(app, runner):
    app.get(f"/users/{runner}/runs", status=401)


def test_user_a_cannot_read_user_b_runs(app, make_runner, tokens):
    alice, bob = make_runner(), make_runner()
    problem = app.get(f"/users/{bob}/runs", headers=tokens.user(alice, ALL_SCOPES), status=403)
    assert "another user" in problem.json["detail"]


def test_user_a_cannot_write_user_b_runs(app, make_runner, tokens):
    alice, bob = make_runner(), make_runner()
    app.post_json(f"/users/{bob}/runs", manual_payload(), headers=tokens.user(alice, ALL_SCOPES), status=403)
    assert app.get(f"/users/{bob}/runs", headers=tokens.user(bob, ALL_SCOPES)).json["total"] == 0


def test_a_token_without_the_scope_is_forbidden(app, runner, tokens):
    app.get(f"/users/{runner}/runs", headers=tokens.user(runner, "users:read"), status=403)


def test_a_read_only_service_cannot_write(app, runner, tokens):
    app.post_json(
        f"/users/{runner}/runs/bulk",
        {"runs": [run_payload()]},
        headers=tokens.service("runs:read"),
        status=403,
    )


def test_a_user_token_cannot_list_runners(app, runner, tokens):
    app.get("/users", headers=tokens.user(runner, ALL_SCOPES), status=403)


@pytest.mark.skipif(bool(LIVE_URL), reason="a live server trusts its own token dealer, not the test key")
def test_a_user_token_from_a_client_named_like_the_user_is_still_a_users(app, make_runner, issuer):
    # A trusted client named "7" asking for user 7: sub equals client_id, and it stays a user.
    alice, bob = make_runner(), make_runner()
    claims = issuer.claims(audience=SERVICE, scope=ALL_SCOPES, sub=str(alice), client_id=str(alice))
    token = issuer.sign(claims)
    app.get("/users", headers=bearer(token), status=403)
    app.get(f"/users/{bob}/runs", headers=bearer(token), status=403)
    app.post_json(f"/users/{bob}/runs", manual_payload(), headers=bearer(token), status=403)


@pytest.mark.skipif(bool(LIVE_URL), reason="a live server trusts its own token dealer, not the test key")
def test_it_rejects_a_token_that_lives_longer_than_the_dealer_issues(app, runner, issuer, claims):
    now = int(time.time())
    runs_of(app, runner, issuer.sign({**claims, "iat": now, "exp": now + 3 * 365 * 86400}), 401)
