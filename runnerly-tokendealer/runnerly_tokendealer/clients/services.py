"""Registering, listing, revoking and authenticating clients. Callers own the transaction."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from runnerly_tokendealer.clients.models import Client
from runnerly_tokendealer.clients.secrets import SecretHasher, generate_secret

# A client_id travels in Basic auth, logs and the ``client_id`` claim: keep it plain.
CLIENT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
# RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
SCOPE_TOKEN = re.compile(r"[\x21\x23-\x5B\x5D-\x7E]+")


class ClientError(Exception):
    """An operator's request about clients that cannot be carried out."""


@dataclass(frozen=True)
class Registration:
    """What a client may ask for: scopes, and the audiences (services) tokens may be for."""

    scopes: Iterable[str]
    audiences: Iterable[str]
    trusted: bool = False


# A secret the operator provisions (a Docker secret) must be as strong as a generated one.
MIN_PROVIDED_SECRET_LENGTH = len(generate_secret())


def add_client(
    session: Session,
    hasher: SecretHasher,
    name: str,
    registration: Registration,
    *,
    rotate_secret: bool = False,
    secret: str | None = None,
) -> tuple[Client, str]:
    """Register ``name`` (or give it a new secret); returns the client and its secret.

    The secret is generated unless the operator provides one (``secret``).
    """
    scope, audience = _scope_string(registration.scopes), _audience_string(registration.audiences)
    if secret is not None and len(secret) < MIN_PROVIDED_SECRET_LENGTH:
        raise ClientError(
            f"a provided secret needs at least {MIN_PROVIDED_SECRET_LENGTH} characters of 32 random bytes; "
            "make one with python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )
    client = _client_to_write(session, _checked_name(name), rotate_secret)
    secret = secret or generate_secret()
    client.secret_hash, client.scope, client.audience = hasher.hash(secret), scope, audience
    client.trusted = registration.trusted
    session.flush()
    return client, secret


def find_client(session: Session, name: str) -> Client | None:
    return session.scalar(select(Client).where(Client.name == name))


def list_clients(session: Session) -> list[Client]:
    return list(session.scalars(select(Client).order_by(Client.name)))


def revoke_client(session: Session, name: str) -> Client:
    client = find_client(session, name)
    if client is None:
        raise ClientError(f"no client named {name}")
    if not client.is_revoked:
        client.revoked_at = datetime.now(UTC)
        session.flush()
    return client


def authenticate(session: Session, hasher: SecretHasher, name: str, secret: str) -> Client | None:
    """The active client these credentials prove, or ``None``.

    The secret is verified even for an unknown or revoked client, so that the time taken
    does not tell which client names exist. A hash of an earlier kind is replaced by the
    current one once the secret has matched it (the caller commits).
    """
    # A name no client could have is not looked up: PostgreSQL refuses some (NUL bytes).
    client = find_client(session, name) if CLIENT_NAME.fullmatch(name) else None
    verdict = hasher.verify(client.secret_hash if client else None, secret)
    if client is None or not verdict.matches or client.is_revoked:
        return None
    if verdict.needs_rehash:
        client.secret_hash = hasher.hash(secret)
        session.flush()
    return client


def scopes_in_use(session: Session) -> set[str]:
    """Every scope some active client holds."""
    held = session.scalars(select(Client.scope).where(Client.revoked_at.is_(None)))
    return {scope for scopes in held for scope in scopes.split()}


def _client_to_write(session: Session, name: str, rotate_secret: bool) -> Client:
    client = find_client(session, name)
    if client is None:
        client = Client(name=name)
        session.add(client)
    elif not rotate_secret:
        raise ClientError(f"client {name} exists; pass --rotate-secret to give it a new secret")
    elif client.is_revoked:
        raise ClientError(f"client {name} is revoked, and revoked clients stay revoked")
    return client


def _checked_name(name: str) -> str:
    if not CLIENT_NAME.fullmatch(name):
        raise ClientError(
            "a client name is 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit"
        )
    if _reads_as_a_number(name):
        # A service token's sub is its client's name: one that reads as a user id would
        # pass for that user wherever a service parses sub.
        raise ClientError(
            f"{name} reads as a number, so tokens for it could pass for a user's; choose a name"
        )
    return name


def _reads_as_a_number(name: str) -> bool:
    """Whether Python (int, float) would take ``name`` for a number: "7", "7_000", "1e3"."""
    try:
        float(name)
    except ValueError:
        return False
    return True


def _audience_string(audiences: Iterable[str]) -> str:
    unique = sorted(set(audiences))
    if not unique:
        raise ClientError("a client needs at least one audience")
    return " ".join(unique)


def _scope_string(scopes: Iterable[str]) -> str:
    unique = sorted(set(scopes))
    if not unique:
        raise ClientError("a client needs at least one scope")
    malformed = [scope for scope in unique if not SCOPE_TOKEN.fullmatch(scope)]
    if malformed:
        raise ClientError(f"not valid OAuth scopes: {' '.join(malformed)}")
    return " ".join(unique)
