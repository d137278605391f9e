"""The OAuth 2 endpoints: token (RFC 6749), introspection (RFC 7662), metadata (RFC 8414)."""
