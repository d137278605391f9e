"""Authorization server metadata (RFC 8414)."""

from sqlalchemy.orm import Session

from runnerly_tokendealer.clients.services import scopes_in_use
from runnerly_tokendealer.oauth.client_auth import AUTH_METHODS
from runnerly_tokendealer.oauth.grants import GRANT_TYPES
from runnerly_tokendealer.settings import TokenDealerSettings


def server_metadata(session: Session, settings: TokenDealerSettings) -> dict:
    base = settings.token_issuer.rstrip("/")
    return {
        "issuer": settings.token_issuer,
        "token_endpoint": f"{base}/oauth/token",
        "jwks_uri": f"{base}/.well-known/jwks.json",
        "introspection_endpoint": f"{base}/oauth/introspect",
        "grant_types_supported": list(GRANT_TYPES),
        "token_endpoint_auth_methods_supported": AUTH_METHODS,
        "introspection_endpoint_auth_methods_supported": AUTH_METHODS,
        "scopes_supported": sorted(scopes_in_use(session) | set(settings.user_scopes)),
        # Required by §2, but response types belong to the authorization endpoint, which
        # this server does not have: ["token"] would advertise the implicit grant.
        "response_types_supported": [],
        "service_documentation": f"{base}/ui/",
    }
