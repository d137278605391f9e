"""Settings from the environment."""

from datetime import timedelta

import pytest
from pydantic import ValidationError

from runnerly_tokendealer.settings import TokenDealerSettings


def test_lists_are_read_space_separated_from_the_environment(monkeypatch):
    monkeypatch.setenv("RUNNERLY_TOKENDEALER_AUDIENCES", "runnerly-data  runnerly-training")
    monkeypatch.setenv("RUNNERLY_TOKENDEALER_USER_SCOPES", "runs:read")

    settings = TokenDealerSettings()

    assert settings.audiences == ("runnerly-data", "runnerly-training")
    assert settings.user_scopes == ("runs:read",)


def test_retired_keys_stay_published_for_the_longest_token_life_plus_leeway():
    settings = TokenDealerSettings(
        service_token_ttl_seconds=600, user_token_ttl_seconds=900, jwt_leeway_seconds=30
    )

    assert settings.key_retention == timedelta(seconds=930)


def test_keys_live_under_the_data_directory(monkeypatch, tmp_path):
    monkeypatch.setenv("RUNNERLY_TOKENDEALER_DATA_DIR", str(tmp_path))

    assert TokenDealerSettings().key_directory == tmp_path / "keys"


def test_it_refuses_token_lifetimes_above_the_maximum_services_enforce():
    with pytest.raises(ValidationError, match="exceed max_token_lifetime_seconds"):
        TokenDealerSettings(service_token_ttl_seconds=7200, max_token_lifetime_seconds=3600)

    assert TokenDealerSettings(service_token_ttl_seconds=7200, max_token_lifetime_seconds=7200)
