"""Bearer tokens for the suite, signed by a test key the service is told to trust."""

from __future__ import annotations

from runnerly_core.testing import TestIssuer
from runnerly_training.settings import SERVICE

ALL_SCOPES = "fitness:read load:read plans:read plans:write"


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


class InProcessTokens:
    def __init__(self, issuer: TestIssuer) -> None:
        self.issuer = issuer

    def service(self, scope: str = ALL_SCOPES, audience: str = SERVICE) -> dict:
        return bearer(self.issuer.service_token("test-service", audience=audience, scope=scope))

    def user(self, user_id: int, scope: str = ALL_SCOPES, audience: str = SERVICE) -> dict:
        return bearer(self.issuer.user_token(user_id, audience=audience, scope=scope))
