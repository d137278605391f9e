"""Secrets: sealed tokens with rotating keys, and development keys that are never committed."""

import json
import os
import socket
import stat

import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr

from runnerly_strava.app import create_app
from runnerly_strava.devsecrets import prepare_development
from runnerly_strava.secrets import TokenCipher, load_secrets
from runnerly_strava.settings import StravaSettings
from runnerly_strava.worker import celery_app


def test_a_token_sealed_with_an_old_key_still_opens_after_rotation():
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    sealed = TokenCipher([old]).seal("refresh-1")
    rotated = TokenCipher([new, old])
    assert rotated.open(sealed) == "refresh-1"
    assert TokenCipher([new]).open(rotated.reseal(sealed)) == "refresh-1"


def test_a_token_sealed_with_an_unknown_key_is_refused():
    sealed = TokenCipher([Fernet.generate_key().decode()]).seal("t")
    with pytest.raises(ValueError, match="cannot be decrypted"):
        TokenCipher([Fernet.generate_key().decode()]).open(sealed)


SECRETS = ("TOKEN_KEYS", "STATE_SECRET", "WEBHOOK_VERIFY_TOKEN", "WEBHOOK_PATH_SECRET")


@pytest.fixture
def environ(monkeypatch, tmp_path):
    """A development environment without secrets; whatever a test adds is undone after."""
    monkeypatch.setenv("RUNNERLY_STRAVA_ENVIRONMENT", "development")
    monkeypatch.setenv("RUNNERLY_STRAVA_DEV_SECRETS_FILE", str(tmp_path / "dev.json"))
    monkeypatch.setenv("RUNNERLY_STRAVA_BROKER_URL", "memory://")
    for name in SECRETS:
        monkeypatch.setenv(f"RUNNERLY_STRAVA_{name}", "")
    return os.environ


def test_the_command_generates_missing_development_secrets_once_into_a_private_file(environ, tmp_path):
    prepare_development(environ)
    first = load_secrets(StravaSettings())
    for name in SECRETS:
        environ[f"RUNNERLY_STRAVA_{name}"] = ""
    prepare_development(environ)
    assert load_secrets(StravaSettings()) == first
    assert len(first.webhook_path_secret) >= 32
    assert stat.S_IMODE((tmp_path / "dev.json").stat().st_mode) == 0o600


def test_an_older_secrets_file_keeps_its_secrets_and_gains_the_webhook_path(environ, tmp_path):
    older = {
        "token_keys": Fernet.generate_key().decode(),
        "state_secret": "s" * 43,
        "webhook_verify_token": "v",
    }
    (tmp_path / "dev.json").write_text(json.dumps(older))
    prepare_development(environ)
    loaded = load_secrets(StravaSettings())
    assert (loaded.token_keys, loaded.state_secret) == ([older["token_keys"]], older["state_secret"])
    assert len(loaded.webhook_path_secret) >= 32


def test_outside_development_nothing_is_generated_and_a_missing_secret_stops_the_service(environ, tmp_path):
    environ["RUNNERLY_STRAVA_ENVIRONMENT"] = "test"
    prepare_development(environ)
    with pytest.raises(RuntimeError, match="RUNNERLY_STRAVA_TOKEN_KEYS"):
        load_secrets(StravaSettings())
    assert not (tmp_path / "dev.json").exists()


def test_building_the_app_writes_no_secret_probes_no_port_and_binds_no_celery_app(
    settings, tmp_path, monkeypatch
):
    def probe(*args, **kwargs):
        raise AssertionError(f"create_app probed {args[0]}")

    monkeypatch.setattr(socket, "create_connection", probe)
    bare = settings.model_copy(update={"environment": "development", "dev_secrets_file": tmp_path / "d.json"})
    before = (celery_app.runtime, celery_app.conf.broker_url)
    create_app(bare.model_copy(update={"broker_url": ""}))
    assert (celery_app.runtime, celery_app.conf.broker_url) == before
    assert not (tmp_path / "d.json").exists()
    with pytest.raises(RuntimeError, match="RUNNERLY_STRAVA_TOKEN_KEYS"):
        create_app(bare.model_copy(update={"token_keys": SecretStr("")}))
    assert not (tmp_path / "d.json").exists()


@pytest.mark.parametrize(
    "secret",
    [
        "short-but-random-Q7x",
        "x" * 40,
        "please-change-this-webhook-path-0123456789",
        "a/b" * 12 + "Zq9Wv8Ut7",
    ],
)
def test_a_guessable_webhook_path_secret_is_refused_outside_development(secret):
    with pytest.raises(ValueError, match="webhook_path_secret"):
        StravaSettings(environment="test", webhook_path_secret=secret)
    assert StravaSettings(environment="development", webhook_path_secret=secret)


def test_production_refuses_to_start_without_its_secrets():
    with pytest.raises(ValueError, match=r"set a real one|must be set in production"):
        StravaSettings(environment="production")


def test_the_suite_and_strava_credentials_never_share_a_variable(monkeypatch):
    monkeypatch.setenv("RUNNERLY_STRAVA_CLIENT_SECRET", "strava-app-secret")
    monkeypatch.setenv("RUNNERLY_STRAVA_SUITE_CLIENT_SECRET", "suite-secret")
    settings = StravaSettings()
    assert settings.strava_client_secret.get_secret_value() == "strava-app-secret"
    assert settings.client_secret.get_secret_value() == "suite-secret"
    monkeypatch.delenv("RUNNERLY_STRAVA_SUITE_CLIENT_SECRET")
    assert StravaSettings().client_secret.get_secret_value() == ""
