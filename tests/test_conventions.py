"""What every service shares by convention, checked across the tree, so that a service
added later cannot quietly drift from its siblings."""

from __future__ import annotations

import importlib

import pytest

SETTINGS = {
    "runnerly_tokendealer.settings": "TokenDealerSettings",
    "runnerly_data.settings": "DataSettings",
    "runnerly_strava.settings": "StravaSettings",
    "runnerly_training.settings": "TrainingSettings",
    "runnerly_dashboard.settings": "DashboardSettings",
    "runnerly_import.settings": "ImportSettings",
}


def settings_class(module: str):
    return getattr(importlib.import_module(module), SETTINGS[module])


@pytest.mark.parametrize("module", sorted(SETTINGS))
def test_a_broker_is_empty_unless_configured(module):
    """runnerly_core.brokers' policy: an empty broker_url means the local RabbitMQ for a
    process that needs one, and none for a service to which it is optional."""
    fields = settings_class(module).model_fields
    if "broker_url" in fields:
        assert fields["broker_url"].default == ""


@pytest.mark.parametrize("module", sorted(SETTINGS))
def test_the_default_database_is_make_runs(module, tmp_path, monkeypatch):
    """A CLI typed after ``make run`` works on the suite it started."""
    (tmp_path / ".run").mkdir()
    monkeypatch.chdir(tmp_path)
    settings = settings_class(module)
    monkeypatch.delenv(f"{settings.model_config['env_prefix']}DATABASE_URL", raising=False)
    url = settings.model_fields["database_url"].get_default(call_default_factory=True)
    assert url.startswith(f"sqlite:///{tmp_path.resolve()}/.run/")
