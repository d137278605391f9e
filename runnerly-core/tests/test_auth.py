"""Local JWT verification against a cached JWKS, and who the caller is."""

import threading
import time

import jwt
import pytest
from connexion.exceptions import ProblemException

from runnerly_core.auth import Caller, TokenVerifier, caller_for
from runnerly_core.jwks import JwksCache
from runnerly_core.testing import TestIssuer

AUDIENCE = "runnerly-data"


@pytest.fixture(scope="module")
def issuer():
    return TestIssuer()


class Dealer:
    """What the token dealer publishes, counting the fetches and signalling each one."""

    def __init__(self, jwks: dict) -> None:
        self.jwks = jwks
        self.fetches = 0
        self.fetched = threading.Condition()
        self.fail = False

    def fetch(self) -> dict:
        with self.fetched:
            self.fetches += 1
            self.fetched.notify_all()
        if self.fail:
            raise ConnectionError("the dealer is down")
        return self.jwks

    def wait_for_fetches(self, count: int, timeout: float = 10) -> None:
        with self.fetched:
            assert self.fetched.wait_for(lambda: self.fetches >= count, timeout), f"{self.fetches} fetches"


@pytest.fixture
def dealer(issuer):
    return Dealer(issuer.jwks())


def make_verifier(issuer, dealer, *, refresh_interval=3600.0, min_refresh=60.0, max_lifetime=3600):
    keys = JwksCache(dealer.fetch, refresh_interval=refresh_interval, min_refresh=min_refresh)
    keys.refresh()
    return TokenVerifier(issuer=issuer.issuer, audience=AUDIENCE, keys=keys, max_lifetime=max_lifetime)


@pytest.fixture
def verifier(issuer, dealer):
    verifier = make_verifier(issuer, dealer)
    yield verifier
    verifier.keys.close()


def eventually(check, timeout: float = 10):
    """The result of ``check`` once it stops raising (the refresh thread is asynchronous)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return check()
        except jwt.InvalidTokenError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def token(issuer, headers=None, **overrides):
    claims = issuer.claims(audience=AUDIENCE, scope="runs:read", sub="7", client_id="dash")
    return issuer.sign({**claims, **overrides}, headers=headers)


def test_keys_are_fetched_once_and_cached(verifier, issuer, dealer):
    for _ in range(5):
        assert verifier.verify(token(issuer))["sub"] == "7"
    time.sleep(0.1)  # room for a refresh thread that should not fetch
    assert dealer.fetches == 1


def test_an_unknown_kid_is_refused_at_once_and_refetched_at_most_once_per_interval(verifier, issuer, dealer):
    for number in range(10):
        with pytest.raises(jwt.InvalidTokenError, match="unknown signing key"):
            verifier.verify(token(issuer, headers={"kid": f"forged-{number}"}))
    time.sleep(0.2)
    assert dealer.fetches == 1  # the forged kids did not hammer the dealer: the first load only


def test_failed_refetches_are_rate_limited_too(issuer, dealer):
    dealer.fail = True
    keys = JwksCache(dealer.fetch, min_refresh=60)
    verifier = TokenVerifier(issuer=issuer.issuer, audience=AUDIENCE, keys=keys)
    for number in range(10):
        with pytest.raises(jwt.InvalidTokenError):
            verifier.verify(token(issuer, headers={"kid": f"forged-{number}"}))
    dealer.wait_for_fetches(1)
    time.sleep(0.2)
    keys.close()
    assert dealer.fetches == 1


def test_a_rotated_key_is_found_by_the_background_refetch(issuer):
    dealer = Dealer({"keys": []})
    verifier = make_verifier(issuer, dealer, min_refresh=0)
    with pytest.raises(jwt.InvalidTokenError, match="unknown signing key"):
        verifier.verify(token(issuer))  # refused at once, and a refetch asked for
    dealer.jwks = issuer.jwks()  # the dealer publishes its new key
    claims = eventually(lambda: verifier.verify(token(issuer)))  # each miss asks again
    verifier.keys.close()
    assert claims["scope"] == "runs:read"


def test_keys_the_dealer_stops_publishing_are_dropped_by_the_periodic_refresh(issuer, dealer):
    verifier = make_verifier(issuer, dealer, refresh_interval=0.05, min_refresh=0.05)
    assert verifier.verify(token(issuer))["sub"] == "7"  # starts the refresh thread
    dealer.jwks = {"keys": []}  # revoked at the dealer
    dealer.wait_for_fetches(dealer.fetches + 2)
    verifier.keys.close()
    with pytest.raises(jwt.InvalidTokenError, match="unknown signing key"):
        verifier.verify(token(issuer))


def test_a_failed_refresh_keeps_the_known_keys(issuer, dealer):
    verifier = make_verifier(issuer, dealer, refresh_interval=0.05, min_refresh=0.05)
    verifier.verify(token(issuer))
    dealer.fail = True
    dealer.wait_for_fetches(dealer.fetches + 2)
    verifier.keys.close()
    assert verifier.verify(token(issuer))["sub"] == "7"


def test_it_refuses_a_token_that_lives_longer_than_the_dealer_issues(verifier, issuer):
    now = int(time.time())
    three_years = 3 * 365 * 24 * 3600
    with pytest.raises(jwt.InvalidTokenError, match="lifetime exceeds 3600 seconds"):
        verifier.verify(token(issuer, iat=now, exp=now + three_years))
    assert verifier.verify(token(issuer, iat=now, exp=now + 3600))["sub"] == "7"


@pytest.mark.parametrize("subject_type", [None, "", "admin", 1])
def test_it_refuses_a_token_without_a_known_subject_type(verifier, issuer, subject_type):
    claims = issuer.claims(audience=AUDIENCE, scope="runs:read", sub="7", client_id="dash")
    if subject_type is None:
        del claims["subject_type"]
    else:
        claims["subject_type"] = subject_type
    with pytest.raises(jwt.InvalidTokenError, match="subject_type"):
        verifier.verify(issuer.sign(claims))


def test_the_algorithm_is_pinned_to_rs256(verifier, issuer):
    forged = jwt.encode(
        issuer.claims(audience=AUDIENCE, scope="", sub="1", client_id="c"),
        "secret",
        algorithm="HS256",
        headers={"kid": issuer.kid},
    )
    with pytest.raises(jwt.InvalidTokenError):
        verifier.verify(forged)


def claims_of(sub: str, client_id: str, subject_type: str, scope: str = "runs:read") -> dict:
    return {"sub": sub, "client_id": client_id, "scope": scope, "subject_type": subject_type}


def test_a_user_token_reaches_only_its_user():
    caller = caller_for(7, claims_of("7", "runnerly-dashboard", "user"))
    assert caller.is_user
    assert caller.user_id == 7
    with pytest.raises(ProblemException) as error:
        caller_for(8, claims_of("7", "runnerly-dashboard", "user"))
    assert error.value.status == 403


def test_a_user_token_whose_sub_equals_its_client_id_is_still_a_users():
    # A client named "7" asking for user 7: the claim says user, whatever the names say.
    caller = Caller.from_claims(claims_of("7", "7", "user"))
    assert caller.is_user
    with pytest.raises(ProblemException) as error:
        caller.require_user(8)
    assert error.value.status == 403


def test_a_service_token_acts_by_scope_on_any_user():
    caller = caller_for(8, claims_of("runnerly-strava", "runnerly-strava", "service", "runs:write"))
    assert not caller.is_user
    caller.require_scope("runs:write")
    with pytest.raises(ProblemException) as error:
        caller.require_scope("users:write")
    assert error.value.status == 403
