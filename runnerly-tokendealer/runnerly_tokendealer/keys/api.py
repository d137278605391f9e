"""The JWKS endpoint (operationId in ``openapi/tokendealer.yaml``)."""

from runnerly_tokendealer.extensions import current_settings, keys

# The spec also documents a problem+json failure, so Connexion needs the type named.
JSON = {"Content-Type": "application/json"}


def jwks():
    body = {"keys": [key.public_jwk() for key in keys.published_keys()]}
    # Verifiers refetch on an unknown kid anyway, so a new key is found before max-age ends.
    max_age = current_settings().jwks_max_age_seconds
    return body, 200, {**JSON, "Cache-Control": f"public, max-age={max_age}"}
