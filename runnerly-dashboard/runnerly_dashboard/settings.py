"""Settings of the dashboard backend, read from ``RUNNERLY_DASHBOARD_*`` variables."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from runnerly_core.local import local_database_url
from runnerly_core.settings import ClientSettings
from runnerly_dashboard.spa_paths import default_app_dir

SERVICE = "runnerly-dashboard"


class DashboardSettings(ClientSettings):
    """``client_id``/``client_secret`` are the dashboard's trusted client at the token
    dealer: user tokens for the signed-in runner, a service token to create runners."""

    model_config = SettingsConfigDict(env_prefix="RUNNERLY_DASHBOARD_", extra="ignore")

    client_id: str = SERVICE
    # Credentials, sessions, e-mail links, throttling and report deliveries.
    # make run's database (.run/dashboard.sqlite), found from the root or a service folder.
    database_url: str = Field(default_factory=lambda: local_database_url("dashboard"))
    data_url: str = "http://localhost:5002"
    strava_url: str = "http://localhost:5003"
    training_url: str = "http://localhost:5004"
    import_url: str = "http://localhost:5005"
    # One upload of activity files (POST /api/imports), refused with 413 before it is read.
    # At most the import service's RUNNERLY_IMPORT_MAX_UPLOAD_BYTES, and the gateway's
    # RUNNERLY_GATEWAY_UPLOAD_BODY_LIMIT lets this much in (64 MiB, as both are deployed).
    max_upload_bytes: Annotated[int, Field(gt=0)] = 64 * 1024 * 1024
    # Its handlers wait on the other services: a pool, so one slow call does not hold the
    # event loop (runnerly_core.bridge; the other services run Flask on the loop's thread).
    wsgi_threads: int = Field(default=4, ge=0, le=64)
    # Celery (mail, the monthly report) and the users.deleted events.
    # Empty: the local RabbitMQ (runnerly_core.brokers, the policy every service follows).
    broker_url: str = ""
    # Where the web app is served: the links in e-mails point there.
    public_url: str = "http://localhost:5000"
    # The built web app to serve at / (frontend/dist of a checkout by default); None: none.
    app_dir: Path | None = Field(default_factory=lambda: default_app_dir())

    # Keys session ids, CSRF tokens and unsubscribe links; in development a missing one
    # is generated into dev_secret_file.
    secret_key: SecretStr = SecretStr("")
    # Or the file holding it (a Docker secret): read before the production checks.
    secret_key_file: Path | None = None
    dev_secret_file: Path = Path(".run/dashboard-dev-secret")

    # Cookies: Secure behind TLS (always, in production).
    secure_cookies: bool = False
    session_days: Annotated[int, Field(gt=0)] = 14

    # Passwords and links.
    min_password_length: Annotated[int, Field(ge=8)] = 10
    min_password_score: Annotated[int, Field(ge=0, le=4)] = 2
    confirm_hours: Annotated[int, Field(gt=0)] = 48
    reset_minutes: Annotated[int, Field(gt=0)] = 60

    # Login throttling: failures per window, per e-mail address and per network address.
    throttle_window_minutes: Annotated[int, Field(gt=0)] = 15
    max_failures_per_account: Annotated[int, Field(gt=0)] = 5
    max_failures_per_address: Annotated[int, Field(gt=0)] = 20
    # Proxies in front (the gateway: 1) whose X-Forwarded-For gives the client's address.
    trusted_proxies: Annotated[int, Field(ge=0)] = 0

    # Mail: SMTP in production; in development a local sink whose Maildir the
    # development page and `runnerly-dashboard mail list` read.
    mail_from: str = "Runnerly <no-reply@runnerly.local>"
    smtp_host: str = "localhost"
    smtp_port: int = 8025
    smtp_username: str = ""
    # None, not "": an SMTP relay without authentication is not a placeholder secret.
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    smtp_ssl: bool = False
    mail_sink_dir: Path = Path(".run/mail")
    # Sign-up and reset requests cannot bomb an inbox: past this, nothing more is sent.
    max_mails_per_hour: Annotated[int, Field(gt=0)] = 5

    @model_validator(mode="after")
    def _secure_in_production(self) -> DashboardSettings:
        if self.environment == "production" and not self.secure_cookies:
            raise ValueError("secure_cookies must be on in production (the app is served over TLS)")
        return self

    def key(self) -> bytes:
        """The secret key; outside production one is made on first use and kept (0600)."""
        value = self.secret_key.get_secret_value()
        if value:
            return value.encode()
        if self.environment == "production":
            raise RuntimeError("RUNNERLY_DASHBOARD_SECRET_KEY is required in production")
        return _dev_secret(self.dev_secret_file).encode()

    @property
    def dev_mail_visible(self) -> bool:
        return self.environment == "development"


def _dev_secret(path: Path) -> str:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(32))
    return path.read_text().strip()
