"""Production refuses weak secrets, says how to make a strong one, and reads secret files
before it checks."""

import secrets
from typing import ClassVar

import pytest
from pydantic import SecretStr, ValidationError

from runnerly_core.settings import ClientSettings, ServiceSettings

STRONG = secrets.token_urlsafe(32)


class SigningSettings(ServiceSettings):
    signing_secret: SecretStr = SecretStr("")
    vendor_secret: SecretStr = SecretStr("")
    issued_elsewhere: ClassVar[frozenset[str]] = frozenset({"vendor_secret"})


@pytest.mark.parametrize(
    "weak",
    ["a", "x", "changeme", "s3cret-but-short", "a" * 64, "ab" * 32],
    ids=["one letter", "x", "placeholder", "short", "repeated", "patterned"],
)
def test_production_refuses_a_secret_weaker_than_32_random_bytes(weak):
    with pytest.raises(ValidationError, match="signing_secret") as refused:
        SigningSettings(environment="production", signing_secret=weak, vendor_secret="v")
    assert "secrets.token_urlsafe(32)" in str(refused.value)


def test_production_accepts_a_secret_made_as_the_message_says():
    settings = SigningSettings(environment="production", signing_secret=STRONG, vendor_secret="v")
    assert settings.signing_secret.get_secret_value() == STRONG


def test_a_secret_issued_elsewhere_is_only_refused_when_empty_or_a_placeholder():
    assert SigningSettings(environment="production", signing_secret=STRONG, vendor_secret="a1b2c3")
    with pytest.raises(ValidationError, match="vendor_secret is a placeholder"):
        SigningSettings(environment="production", signing_secret=STRONG, vendor_secret="")


def test_development_tolerates_a_weak_secret():
    assert SigningSettings(signing_secret="a").environment == "development"


def test_a_secret_file_is_read_before_production_checks_the_secret(monkeypatch, tmp_path):
    secret = tmp_path / "runnerly-training.secret"
    secret.write_text(STRONG + "\n")
    monkeypatch.setenv("RUNNERLY_ENVIRONMENT", "production")
    monkeypatch.setenv("RUNNERLY_CLIENT_SECRET_FILE", str(secret))
    assert ClientSettings().client_secret.get_secret_value() == STRONG


def test_a_weak_secret_in_a_file_is_refused_too(monkeypatch, tmp_path):
    secret = tmp_path / "weak.secret"
    secret.write_text("x\n")
    monkeypatch.setenv("RUNNERLY_ENVIRONMENT", "production")
    monkeypatch.setenv("RUNNERLY_CLIENT_SECRET_FILE", str(secret))
    with pytest.raises(ValidationError, match="client_secret is shorter than 32 random bytes"):
        ClientSettings()
