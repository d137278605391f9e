"""Settings refuse placeholder secrets in production; logs are JSON with request ids."""

import json
import logging

import pytest
from pydantic import ValidationError
from pydantic_settings import SettingsConfigDict

from runnerly_core import logs
from runnerly_core.settings import ClientSettings


def test_a_placeholder_secret_is_refused_in_production(monkeypatch):
    monkeypatch.setenv("RUNNERLY_CLIENT_SECRET", "changeme")
    monkeypatch.setenv("RUNNERLY_ENVIRONMENT", "production")
    with pytest.raises(ValidationError, match="placeholder"):
        ClientSettings()


def test_a_placeholder_secret_is_tolerated_in_development(monkeypatch):
    monkeypatch.setenv("RUNNERLY_CLIENT_SECRET", "changeme")
    assert ClientSettings().environment == "development"


def test_settings_come_from_prefixed_variables(monkeypatch):
    monkeypatch.setenv("RUNNERLY_TOKEN_ISSUER", "https://auth.example")
    assert ClientSettings().token_issuer == "https://auth.example"


def test_log_lines_are_json_with_the_request_id(capsys):
    logs.configure_logging("runnerly-test", "INFO", json=True)
    token = logs.bind_request_id("abc")
    try:
        logging.getLogger("x").info("hello")
    finally:
        logs.reset_request_id(token)
    line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert line["message"] == "hello"
    assert line["request_id"] == "abc"
    assert line["service"] == "runnerly-test"
    assert line["level"] == "INFO"


def test_a_client_secret_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "runnerly-strava.secret"
    secret.write_text("from-the-file\n")
    monkeypatch.setenv("RUNNERLY_CLIENT_SECRET_FILE", str(secret))
    assert ClientSettings().client_secret.get_secret_value() == "from-the-file"


def test_every_service_reads_the_events_exchange_from_one_suite_wide_variable(monkeypatch):
    monkeypatch.setenv("RUNNERLY_EVENTS_EXCHANGE", "runnerly.events.staging")

    class DataLikeSettings(ClientSettings):
        model_config = SettingsConfigDict(env_prefix="RUNNERLY_DATA_", extra="ignore")

    assert ClientSettings().events_exchange == "runnerly.events.staging"
    assert DataLikeSettings().events_exchange == "runnerly.events.staging"


def test_the_events_exchange_defaults_to_runnerly_events(monkeypatch):
    monkeypatch.delenv("RUNNERLY_EVENTS_EXCHANGE", raising=False)
    assert ClientSettings().events_exchange == "runnerly.events"
