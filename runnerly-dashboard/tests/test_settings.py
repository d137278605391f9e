"""The secret key in production may come from a file (compose's `secrets:`)."""

from __future__ import annotations

import secrets

from runnerly_dashboard.settings import DashboardSettings


def production(**values) -> DashboardSettings:
    return DashboardSettings(
        environment="production", secure_cookies=True, client_secret=secrets.token_urlsafe(32), **values
    )


def test_the_secret_key_is_read_from_the_file_a_container_is_given(tmp_path):
    key = secrets.token_urlsafe(32)
    (tmp_path / "dashboard-secret-key").write_text(f"{key}\n")

    settings = production(secret_key_file=tmp_path / "dashboard-secret-key")

    assert settings.key() == key.encode()
