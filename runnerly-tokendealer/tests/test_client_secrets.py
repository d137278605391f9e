"""Client secrets under a keyed hash (HMAC-SHA256), and the move from argon2."""

import stat

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from runnerly_tokendealer.clients.models import Client
from runnerly_tokendealer.clients.secrets import SecretHasher, generate_secret
from runnerly_tokendealer.extensions import db
from tests.helpers import DASHBOARD_SCOPES, RegisteredClient, assert_oauth_error

pytestmark = pytest.mark.in_process


def stored_hash(name: str) -> str:
    with db.new_session() as session:
        return session.scalar(select(Client.secret_hash).where(Client.name == name))


def test_a_secret_is_stored_as_an_hmac_under_the_servers_key(clients):
    client = clients.add()

    stored = stored_hash(client.client_id)

    assert stored.startswith("hmac-sha256$")
    assert client.secret not in stored
    assert SecretHasher(b"k" * 32).hash(client.secret) != stored  # another key, another hash


def test_only_the_right_secret_verifies():
    hasher = SecretHasher(b"k" * 32)
    secret = generate_secret()
    stored = hasher.hash(secret)

    assert hasher.verify(stored, secret).matches
    assert not hasher.verify(stored, secret + "x").matches
    assert not hasher.verify(stored, "").matches
    assert not hasher.verify(None, secret).matches  # an unknown client
    assert not hasher.verify("hmac-sha256$", "").matches


def test_an_argon2_hash_of_an_earlier_version_still_authenticates_and_is_replaced(clients, oauth):
    client = clients.add("runnerly-dashboard", DASHBOARD_SCOPES, trusted=True)
    with db.new_session() as session, session.begin():
        row = session.scalar(select(Client).where(Client.name == client.client_id))
        row.secret_hash = PasswordHasher().hash(client.secret)

    assert oauth.token(client).status_int == 200
    assert stored_hash(client.client_id).startswith("hmac-sha256$")
    assert oauth.token(client).status_int == 200
    wrong = RegisteredClient(client.client_id, "wrong")
    assert_oauth_error(oauth.token(wrong), 401, "invalid_client")


def test_a_wrong_secret_against_an_argon2_hash_changes_nothing(clients, oauth):
    client = clients.add()
    legacy = PasswordHasher().hash(client.secret)
    with db.new_session() as session, session.begin():
        session.scalar(select(Client).where(Client.name == client.client_id)).secret_hash = legacy

    assert_oauth_error(oauth.token(RegisteredClient(client.client_id, "wrong")), 401, "invalid_client")
    assert stored_hash(client.client_id) == legacy


def test_the_key_is_made_once_private_and_shared_by_every_process(tmp_path):
    path = tmp_path / "data" / "client-secret.key"

    first, second = SecretHasher.from_file(path), SecretHasher.from_file(path)

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert first.hash("s") == second.hash("s")


def test_it_refuses_a_short_key():
    with pytest.raises(ValueError, match="at least 32 bytes"):
        SecretHasher(b"short")
