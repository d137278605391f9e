"""Public keys as JWKs (RFC 7517) and their RFC 7638 thumbprints, which serve as ``kid``."""

import base64
import hashlib
import json

from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from jwt.algorithms import RSAAlgorithm


def _rsa_members(public_key: RSAPublicKey) -> dict:
    """The required members of an RSA JWK: base64url ``n`` and ``e`` without padding."""
    jwk = RSAAlgorithm.to_jwk(public_key, as_dict=True)
    return {"kty": "RSA", "n": jwk["n"], "e": jwk["e"]}


def thumbprint(public_key: RSAPublicKey) -> str:
    """RFC 7638: SHA-256 of the required members in lexicographic order, no whitespace."""
    canonical = json.dumps(_rsa_members(public_key), sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def public_jwk(public_key: RSAPublicKey, kid: str) -> dict:
    # "use" rather than "key_ops": RFC 7517 advises against giving both.
    return {**_rsa_members(public_key), "kid": kid, "use": "sig", "alg": "RS256"}
