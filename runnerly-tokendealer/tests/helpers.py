"""Small actions the tests share: registering clients, asking for tokens, verifying them."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote_plus

import jwt
from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from runnerly_core.db import make_engine
from runnerly_tokendealer.clients import services
from runnerly_tokendealer.clients.models import Client
from runnerly_tokendealer.clients.secrets import SecretHasher
from runnerly_tokendealer.oauth.grants import CLIENT_CREDENTIALS, USER_GRANT
from runnerly_tokendealer.settings import DEFAULT_AUDIENCES, TokenDealerSettings

# What make run registers the dashboard with: the data service's user scopes.
DASHBOARD_SCOPES = "users:read users:write runs:read runs:write races:read races:write plans:read plans:write"

# RFC 6749 §5.2: error_description = 1*( %x20-21 / %x23-5B / %x5D-7E )
DESCRIPTION_CHARACTERS = {chr(c) for c in range(0x20, 0x7F)} - {'"', "\\"}


@dataclass(frozen=True)
class RegisteredClient:
    client_id: str
    secret: str

    @property
    def basic(self) -> str:
        return basic_auth(self.client_id, self.secret)

    @property
    def form(self) -> dict[str, str]:
        return {"client_id": self.client_id, "client_secret": self.secret}


def basic_auth(client_id: str, secret: str) -> str:
    pair = f"{quote_plus(client_id)}:{quote_plus(secret)}"
    return "Basic " + base64.b64encode(pair.encode()).decode()


def live_sessions() -> Callable[[], Session]:
    url = TokenDealerSettings().database_url
    return sessionmaker(make_engine(url), expire_on_commit=False)


def live_hasher() -> SecretHasher:
    return SecretHasher.from_file(TokenDealerSettings().client_secret_key_path)


class ClientRegistry:
    """Registers clients under unique names, so that a live database may hold others."""

    def __init__(
        self, new_session: Callable[[], Session], hasher: SecretHasher, delete_afterwards: bool
    ) -> None:
        self.new_session = new_session
        self.hasher = hasher
        self.delete_afterwards = delete_afterwards
        self.names: list[str] = []

    def add(
        self,
        name: str = "runnerly-data",
        scope: str = "runs:read runs:write",
        trusted: bool = False,
        audience: str = " ".join(DEFAULT_AUDIENCES),
    ) -> RegisteredClient:
        unique = f"{name}-{uuid.uuid4().hex[:8]}"
        registration = services.Registration(scope.split(), audience.split(), trusted)
        with self.new_session() as session, session.begin():
            _client, secret = services.add_client(session, self.hasher, unique, registration)
        self.names.append(unique)
        return RegisteredClient(unique, secret)

    def dashboard(self, scope: str = DASHBOARD_SCOPES) -> RegisteredClient:
        return self.add("runnerly-dashboard", scope, trusted=True)

    def revoke(self, client: RegisteredClient) -> None:
        with self.new_session() as session, session.begin():
            services.revoke_client(session, client.client_id)

    def close(self) -> None:
        if self.delete_afterwards and self.names:
            with self.new_session() as session, session.begin():
                session.execute(delete(Client).where(Client.name.in_(self.names)))


class OAuthActions:
    """Token and introspection requests as a client library would send them."""

    def __init__(self, http, issuer: str) -> None:
        self.http = http
        self.issuer = issuer

    def token(
        self,
        client: RegisteredClient | None = None,
        *,
        use_form: bool = False,
        headers: dict | None = None,
        address: str | None = None,
        **params,
    ):
        params = {"grant_type": CLIENT_CREDENTIALS, "audience": "runnerly-data", **params}
        headers = dict(headers or {})
        if client and use_form:
            params.update(client.form)
        elif client:
            headers["Authorization"] = client.basic
        # The peer's address, as a2wsgi passes it to the ASGI app (scope["client"]).
        environ = {"REMOTE_ADDR": address, "REMOTE_PORT": "40000"} if address else None
        return self.http.post(
            "/oauth/token", params=_present(params), headers=headers, extra_environ=environ, status="*"
        )

    def user_token(self, client: RegisteredClient, **params):
        return self.token(client, **{"grant_type": USER_GRANT, "subject": "42", **params})

    def access_token(self, client: RegisteredClient, **params) -> str:
        response = self.token(client, **params)
        assert response.status_int == 200, response.text
        return response.json["access_token"]

    def introspect(self, client: RegisteredClient | None, token: str | None, **params):
        headers = {"Authorization": client.basic} if client else {}
        params = {"token": token, **params}
        return self.http.post("/oauth/introspect", params=_present(params), headers=headers, status="*")

    def jwks(self) -> dict:
        return self.http.get("/.well-known/jwks.json").json

    def verify(self, token: str, audience: str = "runnerly-data") -> dict:
        """Verify as a resource server does: served JWKS, RS256 only, every claim required."""
        key = jwt.PyJWKSet.from_dict(self.jwks())[jwt.get_unverified_header(token)["kid"]]
        return jwt.decode(
            token,
            key,
            algorithms=["RS256"],
            audience=audience,
            issuer=self.issuer,
            options={
                "require": ["iss", "aud", "sub", "subject_type", "client_id", "scope", "iat", "exp", "jti"]
            },
        )


def assert_oauth_error(response, status: int, error: str) -> None:
    assert response.status_int == status, response.text
    assert response.content_type == "application/json"
    assert response.json["error"] == error
    assert set(response.json["error_description"]) <= DESCRIPTION_CHARACTERS
    assert response.headers["Cache-Control"] == "no-store"
    if status == 401:
        assert response.headers["WWW-Authenticate"] == 'Basic realm="runnerly"'


def _present(params: dict) -> dict:
    return {name: value for name, value in params.items() if value is not None}
