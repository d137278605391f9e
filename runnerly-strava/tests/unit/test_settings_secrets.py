"""The Strava service's secrets in production: strong ones only, files read first (the
path docker compose uses)."""

import secrets

import pytest
from cryptography.fernet import Fernet
from pydantic import ValidationError

from runnerly_strava.settings import StravaSettings


def strong() -> str:
    return secrets.token_urlsafe(32)


def production(**overrides) -> StravaSettings:
    values = {
        "environment": "production",
        "suite_client_secret": strong(),
        "strava_client_secret": "0123456789abcdef0123456789abcdef01234567",  # Strava's format
        "token_keys": Fernet.generate_key().decode(),
        "state_secret": strong(),
        "webhook_verify_token": strong(),
        "webhook_path_secret": strong(),
    }
    return StravaSettings(**{**values, **overrides})


def test_production_starts_with_strong_secrets():
    assert production().environment == "production"


@pytest.mark.parametrize(
    "field", ["state_secret", "webhook_verify_token", "token_keys", "suite_client_secret"]
)
def test_production_refuses_a_one_character_secret_and_says_how_to_make_one(field):
    with pytest.raises(ValidationError) as refused:
        production(**{field: "a"})
    message = str(refused.value)
    name = "client_secret" if field == "suite_client_secret" else field
    assert f"{name} is shorter than 32 random bytes" in message
    assert 'python -c "import secrets; print(secrets.token_urlsafe(32))"' in message


def test_the_suite_secret_file_of_docker_compose_is_read_before_the_check(monkeypatch, tmp_path):
    secret = strong()
    (tmp_path / "runnerly-strava").write_text(secret + "\n")
    monkeypatch.setenv("RUNNERLY_STRAVA_SUITE_CLIENT_SECRET_FILE", str(tmp_path / "runnerly-strava"))
    settings = production(suite_client_secret="")
    assert settings.client_secret.get_secret_value() == secret


def test_every_secret_can_come_from_a_file(tmp_path):
    (tmp_path / "state").write_text("y" * 10)
    with pytest.raises(ValidationError, match="state_secret is shorter"):
        production(state_secret="", state_secret_file=tmp_path / "state")
