"""Key rotation, and the key store's safety on disk."""

import multiprocessing
import stat
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from runnerly_tokendealer.keys.store import KeyStore

pytestmark = pytest.mark.in_process


def test_the_first_start_makes_one_signing_key(key_store):
    records = key_store.records()

    assert len(records) == 1
    assert records[0].retired_at is None


def test_a_new_key_signs_after_a_rotation(clients, oauth, key_store):
    client = clients.add()
    before = jwt.get_unverified_header(oauth.access_token(client))["kid"]

    rotation = key_store.rotate()
    after = jwt.get_unverified_header(oauth.access_token(client))["kid"]

    assert rotation.retired.kid == before
    assert after == rotation.new.kid != before


def test_a_retired_key_stays_published_while_its_tokens_live(clients, oauth, key_store):
    client = clients.add()
    old_token = oauth.access_token(client)

    key_store.rotate()

    assert len(oauth.jwks()["keys"]) == 2
    assert oauth.verify(old_token)["sub"] == client.client_id
    assert oauth.introspect(client, old_token).json["active"] is True


def test_a_retired_key_is_dropped_once_its_tokens_have_expired(clients, oauth, key_store):
    client = clients.add()
    old_token = oauth.access_token(client)
    old_kid = jwt.get_unverified_header(old_token)["kid"]
    long_ago = datetime.now(UTC) - key_store.retention - timedelta(seconds=1)

    key_store.rotate(now=long_ago)

    assert old_kid not in {key["kid"] for key in oauth.jwks()["keys"]}
    assert oauth.introspect(client, old_token).json == {"active": False}


def test_a_rotation_deletes_the_private_keys_of_dropped_keys(key_store):
    first = key_store.records()[0].kid
    key_store.rotate(now=datetime.now(UTC) - key_store.retention * 2)

    rotation = key_store.rotate()

    assert [record.kid for record in rotation.dropped] == [first]
    assert not (key_store.directory / f"{first}.pem").exists()
    assert len(key_store.records()) == 2


def test_every_worker_sees_a_rotation_made_by_another_process(clients, oauth, key_store):
    client = clients.add()
    oauth.access_token(client)  # the app has loaded its keys
    elsewhere = KeyStore().configure(key_store.directory, bits=2048, retention=key_store.retention)

    new_kid = elsewhere.rotate().new.kid

    assert jwt.get_unverified_header(oauth.access_token(client))["kid"] == new_kid


def test_private_keys_are_readable_by_their_owner_only(key_store):
    assert stat.S_IMODE(key_store.directory.stat().st_mode) == 0o700
    for path in key_store.directory.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_workers_starting_together_make_a_single_key(tmp_path):
    directory = tmp_path / "keys"
    with multiprocessing.get_context("fork").Pool(4) as pool:
        pool.map(_start_worker, [directory] * 8)

    assert len(_store(directory).records()) == 1
    assert len(list(directory.glob("*.pem"))) == 1


def _start_worker(directory) -> None:
    _store(directory).ensure_signing_key()


def _store(directory) -> KeyStore:
    return KeyStore().configure(directory, bits=2048, retention=timedelta(hours=1))
