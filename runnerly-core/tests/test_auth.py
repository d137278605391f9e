"""Local JWT verification against a cached JWKS."""

import time

import jwt
import pytest
from connexion.exceptions import ProblemException

from runnerly_core.auth import Caller, TokenVerifier
from runnerly_core.testing import TestIssuer


@pytest.fixture(scope="module")
def issuer():
    return TestIssuer()


@pytest.fixture
def fetches(issuer):
    calls = []

    def fetch():
        calls.append(time.monotonic())
        return issuer.jwks()

    return calls, fetch


@pytest.fixture
def verifier(issuer, fetches):
    verifier = TokenVerifier()
    verifier.configure(issuer=issuer.issuer, audience="runnerly-data", fetch_jwks=fetches[1], min_refresh=60)
    return verifier


def token(issuer, **overrides):
    claims = issuer.claims(audience="runnerly-data", scope="runs:read", sub="7", client_id="dash")
    return issuer.sign({**claims, **overrides})


def test_keys_are_fetched_once_and_cached(verifier, issuer, fetches):
    for _ in range(5):
        assert verifier.verify(token(issuer))["sub"] == "7"
    assert len(fetches[0]) == 1


def test_an_unknown_kid_refetches_at_most_once_per_interval(verifier, issuer, fetches):
    verifier.verify(token(issuer))
    for _ in range(10):
        with pytest.raises(jwt.InvalidTokenError, match="unknown signing key"):
            verifier.verify(
                issuer.sign(
                    issuer.claims(audience="runnerly-data", scope="", sub="1", client_id="c"),
                    headers={"kid": "rotated"},
                )
            )
    assert len(fetches[0]) == 1  # the forged kids did not hammer the token dealer


def test_a_rotated_key_is_found_by_refetching(issuer, fetches):
    verifier = TokenVerifier()
    keys = {"keys": []}
    verifier.configure(issuer=issuer.issuer, audience="runnerly-data", fetch_jwks=lambda: keys, min_refresh=0)
    with pytest.raises(jwt.InvalidTokenError):
        verifier.verify(token(issuer))
    keys.update(issuer.jwks())
    assert verifier.verify(token(issuer))["scope"] == "runs:read"


def test_the_algorithm_is_pinned_to_rs256(verifier, issuer):
    forged = jwt.encode(
        issuer.claims(audience="runnerly-data", scope="", sub="1", client_id="c"),
        "secret",
        algorithm="HS256",
        headers={"kid": issuer.kid},
    )
    with pytest.raises(jwt.InvalidTokenError):
        verifier.verify(forged)


def test_a_user_token_reaches_only_its_user():
    caller = Caller.from_claims({"sub": "7", "client_id": "runnerly-dashboard", "scope": "runs:read"})
    assert caller.is_user
    assert caller.user_id == 7
    caller.require_user(7)
    with pytest.raises(ProblemException) as error:
        caller.require_user(8)
    assert error.value.status == 403


def test_a_service_token_acts_by_scope_on_any_user():
    caller = Caller.from_claims(
        {"sub": "runnerly-strava", "client_id": "runnerly-strava", "scope": "runs:write"}
    )
    assert not caller.is_user
    caller.require_user(8)
    caller.require_scope("runs:write")
    with pytest.raises(ProblemException) as error:
        caller.require_scope("users:write")
    assert error.value.status == 403
