"""Authorization server metadata (RFC 8414)."""


def test_it_publishes_rfc_8414_metadata(http, settings, clients):
    clients.add(scope="strava:sync")

    metadata = http.get("/.well-known/oauth-authorization-server").json

    base = settings.token_issuer
    assert metadata["issuer"] == base
    assert metadata["token_endpoint"] == f"{base}/oauth/token"
    assert metadata["jwks_uri"] == f"{base}/.well-known/jwks.json"
    assert metadata["introspection_endpoint"] == f"{base}/oauth/introspect"
    assert metadata["grant_types_supported"] == [
        "client_credentials",
        "urn:runnerly:params:oauth:grant-type:user",
    ]
    for methods in ("token_endpoint_auth_methods_supported", "introspection_endpoint_auth_methods_supported"):
        assert metadata[methods] == ["client_secret_basic", "client_secret_post"]
    assert {"strava:sync", "runs:read", "users:write"} <= set(metadata["scopes_supported"])
    assert metadata["response_types_supported"] == []


def test_the_metadata_issuer_is_the_tokens_iss(http, oauth, clients):
    metadata = http.get("/.well-known/oauth-authorization-server").json

    claims = oauth.verify(oauth.access_token(clients.add()))

    assert claims["iss"] == metadata["issuer"]


def test_revoked_clients_scopes_are_not_advertised(http, clients):
    clients.revoke(clients.add(scope="secret:thing"))

    metadata = http.get("/.well-known/oauth-authorization-server").json

    assert "secret:thing" not in metadata["scopes_supported"]
