"""The published key set."""

import base64
import hashlib
import json
import re

BASE64URL = re.compile(r"[A-Za-z0-9_-]+")


def test_it_publishes_rsa_signature_keys(oauth):
    keys = oauth.jwks()["keys"]

    assert keys
    for key in keys:
        assert key["kty"] == "RSA"
        assert key["use"] == "sig"
        assert key["alg"] == "RS256"
        assert BASE64URL.fullmatch(key["n"])
        assert BASE64URL.fullmatch(key["e"])
        assert key["e"] == "AQAB"
        assert len(_decode(key["n"])) * 8 >= 2048
        assert "d" not in key
        assert "p" not in key


def test_a_keys_id_is_its_rfc_7638_thumbprint(oauth):
    for key in oauth.jwks()["keys"]:
        members = json.dumps({"e": key["e"], "kty": "RSA", "n": key["n"]}, separators=(",", ":"))
        digest = hashlib.sha256(members.encode()).digest()
        assert key["kid"] == base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def test_the_key_set_may_be_cached_publicly(http):
    response = http.get("/.well-known/jwks.json")

    assert response.headers["Cache-Control"] == "public, max-age=300"


def _decode(value: str) -> bytes:
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
