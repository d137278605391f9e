"""The verifier as the security handler of a real app on a real event loop (uvicorn)."""

from __future__ import annotations

import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from runnerly_core.app import build_app
from runnerly_core.settings import ServiceSettings
from runnerly_core.testing import TestIssuer
from tests.apps.servers import HANG_SECONDS, DealerStandIn, served

SPEC = Path(__file__).parent / "apps" / "secured.yaml"
AUDIENCE = "runnerly-test"
# Far below the dealer's hang: a health answer this late would mean the loop was held.
HEALTH_BOUND_SECONDS = 1.0
MIN_REFRESH_SECONDS = 1.0


@pytest.fixture
def issuer() -> TestIssuer:
    return TestIssuer()


@pytest.fixture
def dealer(issuer):
    stand_in = DealerStandIn(issuer.jwks())
    yield stand_in
    stand_in.close()


def make_app(issuer: TestIssuer, dealer: DealerStandIn, **overrides):
    settings = ServiceSettings(
        environment="test",
        log_json=False,
        log_level="WARNING",
        token_issuer=issuer.issuer,
        jwks_url=dealer.jwks_url,
        jwks_min_refresh_seconds=MIN_REFRESH_SECONDS,
        **overrides,
    )
    return build_app(__name__, service=AUDIENCE, settings=settings, spec=SPEC)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def whoami(url: str, token: str, timeout: float) -> requests.Response:
    return requests.get(f"{url}/whoami", headers=bearer(token), timeout=timeout)


def forged_kid_token(issuer: TestIssuer, number: int) -> str:
    claims = issuer.claims(audience=AUDIENCE, scope="runs:read", sub="7", client_id="dash")
    return issuer.sign(claims, headers={"kid": f"forged-{number}"})


def test_forged_kids_while_the_dealer_hangs_leave_health_answering_and_the_dealer_unhammered(issuer, dealer):
    app = make_app(issuer, dealer)
    valid = issuer.user_token(7, audience=AUDIENCE, scope="runs:read")
    with served(app) as url:
        assert whoami(url, valid, timeout=10).status_code == 200
        time.sleep(MIN_REFRESH_SECONDS)  # a refetch is allowed again
        dealer.hang()
        with ThreadPoolExecutor(max_workers=20) as pool:
            forged = pool.map(
                lambda n: requests.get(
                    f"{url}/whoami", headers=bearer(forged_kid_token(issuer, n)), timeout=10
                ),
                range(100),
            )
            # requests raises ReadTimeout if an answer takes longer than the bound.
            health = [requests.get(f"{url}/health/live", timeout=HEALTH_BOUND_SECONDS) for _ in range(20)]
            statuses = [response.status_code for response in forged]
        assert HEALTH_BOUND_SECONDS < HANG_SECONDS
        assert {response.status_code for response in health} == {200}
        # The bound, on the median: a shared 2-core machine delays single probes
        # (measured: median 3 ms, slowest 441 ms at load 10-14; before the fix, 41 s).
        assert statistics.median(response.elapsed.total_seconds() for response in health) < 0.1
        # Refused after the bounded wait for the refetch, not after the dealer answers.
        assert set(statuses) == {401}
        # The known key still verifies while the dealer hangs.
        assert (
            requests.get(f"{url}/whoami", headers=bearer(valid), timeout=HEALTH_BOUND_SECONDS).status_code
            == 200
        )
    # The first load, then one refetch for the hundred misses: it hangs, and no second
    # fetch starts while one is out, whatever the interval.
    assert dealer.requests == 2


def test_each_app_has_its_own_verifier(issuer, dealer):
    from runnerly_core.auth import VERIFIER_KEY

    data = make_app(issuer, dealer)
    other = build_app(
        __name__,
        service="runnerly-other",
        settings=ServiceSettings(environment="test", log_json=False, jwks_url=dealer.jwks_url),
        spec=SPEC,
    )
    assert data.app.extensions[VERIFIER_KEY] is not other.app.extensions[VERIFIER_KEY]
    assert data.app.extensions[VERIFIER_KEY].audience == AUDIENCE
    assert other.app.extensions[VERIFIER_KEY].audience == "runnerly-other"


def test_a_request_before_the_first_fetch_has_landed_waits_for_it(issuer, dealer):
    app = make_app(issuer, dealer)
    valid = issuer.user_token(7, audience=AUDIENCE, scope="runs:read")
    with served(app) as url:
        response = requests.get(f"{url}/whoami", headers=bearer(valid), timeout=10)
    assert response.status_code == 200
    assert response.json() == {"sub": "7", "subject_type": "user"}


def test_the_first_token_signed_with_a_freshly_rotated_key_is_accepted(issuer, dealer):
    app = make_app(issuer, dealer)
    rotated = TestIssuer(issuer=issuer.issuer, kid="rotated-key")
    with served(app) as url:
        known = issuer.user_token(7, audience=AUDIENCE, scope="runs:read")
        assert whoami(url, known, timeout=10).status_code == 200
        dealer.jwks = {"keys": issuer.jwks()["keys"] + rotated.jwks()["keys"]}
        time.sleep(MIN_REFRESH_SECONDS)  # the last fetch is older than the refetch limit
        first = whoami(url, rotated.user_token(7, audience=AUDIENCE, scope="runs:read"), timeout=10)
    assert first.status_code == 200
    assert dealer.requests == 2
