"""Where the suite's bearer tokens come from: a test key in-process, the real dealer live."""

from __future__ import annotations

import os

import requests

from runnerly_core.testing import TestIssuer
from runnerly_data.settings import SERVICE


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


class InProcessTokens:
    def __init__(self, issuer: TestIssuer) -> None:
        self.issuer = issuer

    def service(self, scope: str) -> dict:
        return bearer(self.issuer.service_token("test-service", audience=SERVICE, scope=scope))

    def user(self, user_id: int, scope: str) -> dict:
        return bearer(self.issuer.user_token(user_id, audience=SERVICE, scope=scope))


class LiveTokens:
    """Tokens from a running token dealer, for a trusted client."""

    def __init__(self, token_url: str, client_id: str, client_secret: str) -> None:
        self.token_url, self.auth = token_url, (client_id, client_secret)

    @classmethod
    def from_environment(cls) -> LiveTokens:
        return cls(
            os.environ["RUNNERLY_LIVE_TOKEN_URL"],
            os.environ["RUNNERLY_LIVE_CLIENT_ID"],
            os.environ["RUNNERLY_LIVE_CLIENT_SECRET"],
        )

    def service(self, scope: str) -> dict:
        return self._token({"grant_type": "client_credentials", "scope": scope})

    def user(self, user_id: int, scope: str) -> dict:
        return self._token(
            {
                "grant_type": "urn:runnerly:params:oauth:grant-type:user",
                "subject": str(user_id),
                "scope": scope,
            }
        )

    def _token(self, form: dict) -> dict:
        response = requests.post(
            self.token_url, data={**form, "audience": SERVICE}, auth=self.auth, timeout=10
        )
        response.raise_for_status()
        return bearer(response.json()["access_token"])
