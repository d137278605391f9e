"""``keys revoke``: a key leaves the JWKS at once, and the dealer always keeps a signing key."""

import jwt
import pytest
from click.testing import CliRunner

from runnerly_tokendealer.cli import main
from runnerly_tokendealer.keys.store import SigningKeyError

pytestmark = pytest.mark.in_process


def kids(oauth) -> set[str]:
    return {key["kid"] for key in oauth.jwks()["keys"]}


def test_a_revoked_key_leaves_the_jwks_at_once_and_its_tokens_turn_inactive(clients, oauth, key_store):
    client = clients.add()
    old_token = oauth.access_token(client)
    old_kid = jwt.get_unverified_header(old_token)["kid"]
    key_store.rotate()  # the old key is retired, and would stay published for an hour

    key_store.revoke(old_kid)

    assert old_kid not in kids(oauth)
    assert not (key_store.directory / f"{old_kid}.pem").exists()
    assert oauth.introspect(client, old_token).json == {"active": False}
    assert oauth.introspect(client, oauth.access_token(client)).json["active"] is True


def test_it_refuses_to_revoke_the_signing_key_without_a_rotation(clients, oauth, key_store):
    signing = key_store.signing_key().kid

    with pytest.raises(SigningKeyError, match="--rotate"):
        key_store.revoke(signing)

    assert kids(oauth) == {signing}


def test_revoking_the_signing_key_with_rotate_signs_with_a_new_key(clients, oauth, key_store):
    client = clients.add()
    old_token = oauth.access_token(client)
    signing = key_store.signing_key().kid

    rotation = key_store.revoke(signing, rotate=True)

    assert kids(oauth) == {rotation.new.kid}
    assert jwt.get_unverified_header(oauth.access_token(client))["kid"] == rotation.new.kid
    assert oauth.introspect(client, old_token).json == {"active": False}


def test_the_command_says_why_it_refuses_and_what_to_do(cli_environment):
    runner = CliRunner()
    store = cli_environment.key_store()
    store.ensure_signing_key()
    signing = store.signing_key().kid

    refused = runner.invoke(main, ["keys", "revoke", signing], obj=cli_environment)
    unknown = runner.invoke(main, ["keys", "revoke", "no-such-kid"], obj=cli_environment)
    done = runner.invoke(main, ["keys", "revoke", signing, "--rotate"], obj=cli_environment)

    assert refused.exit_code == 1
    assert "is the signing key" in refused.output
    assert "--rotate" in refused.output
    assert unknown.exit_code == 1
    assert "no key no-such-kid" in unknown.output
    assert done.exit_code == 0, done.output
    assert f"revoked {signing}" in done.output
    assert signing not in {record.kid for record in store.records()}
