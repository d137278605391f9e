"""A token issuer whose signing key can be rotated and whose old key can be revoked, as the
token dealer's operator does: the JWKS publishes every key not yet revoked."""

from __future__ import annotations

import json

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from runnerly_core.testing import TestIssuer


def _new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _public_jwk(kid: str, key: rsa.RSAPrivateKey) -> dict:
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    return {**jwk, "kid": kid, "use": "sig", "alg": "RS256"}


class RotatingIssuer(TestIssuer):
    def __init__(self) -> None:
        super().__init__(kid="key-1")
        self._keys = {self.kid: _new_key()}
        self._published = [self.kid]

    @property
    def private_key(self) -> rsa.RSAPrivateKey:
        return self._keys[self.kid]

    def jwks(self) -> dict:
        return {"keys": [_public_jwk(kid, self._keys[kid]) for kid in list(self._published)]}

    def rotate(self) -> str:
        """Sign with a new key from now on; the old one stays published until revoked."""
        retired, self.kid = self.kid, f"key-{len(self._keys) + 1}"
        self._keys[self.kid] = _new_key()
        self._published.append(self.kid)
        return retired

    def revoke(self, kid: str) -> None:
        self._published.remove(kid)

    def token_signed_with(self, kid: str, user_id: int, *, audience: str, scope: str) -> str:
        claims = self.claims(audience=audience, scope=scope, sub=str(user_id), client_id="runnerly-dashboard")
        return self.sign(claims, headers={"kid": kid}, key=self._keys[kid])
