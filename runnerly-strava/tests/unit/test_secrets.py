"""Secrets: sealed tokens with rotating keys, and development keys that are never committed."""

import stat

import pytest
from cryptography.fernet import Fernet

from runnerly_strava.secrets import TokenCipher, load_secrets
from runnerly_strava.settings import StravaSettings


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


def test_development_generates_missing_secrets_once_into_a_private_file(tmp_path):
    settings = StravaSettings(environment="development", dev_secrets_file=tmp_path / "dev.json")
    first, second = load_secrets(settings), load_secrets(settings)
    assert first == second
    assert first.token_keys
    assert first.state_secret
    assert stat.S_IMODE((tmp_path / "dev.json").stat().st_mode) == 0o600


def test_outside_development_a_missing_secret_stops_the_service(tmp_path):
    settings = StravaSettings(environment="test", dev_secrets_file=tmp_path / "dev.json")
    with pytest.raises(RuntimeError, match="RUNNERLY_STRAVA_TOKEN_KEYS"):
        load_secrets(settings)
    assert not (tmp_path / "dev.json").exists()


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
