"""Settings of one sandbox instance, passed to `create_app`."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

Clock = Callable[[], float]

#: Athlete id -> number of seeded activities. Athlete 1 is the demo runner.
DEFAULT_ACTIVITY_COUNTS: Mapping[int, int] = {1: 800, 2: 240, 3: 120, 4: 60}

#: Client id of the application created when the config names none.
DEV_CLIENT_ID = "12345"


@dataclass(frozen=True)
class Application:
    """A registered Strava API application (what strava.com/settings/api holds)."""

    client_id: str
    client_secret: str
    name: str = "Runnerly"
    #: Host that redirect_uri and callback_url must be on; localhost always passes.
    callback_domain: str | None = None


@dataclass(frozen=True)
class RateLimits:
    """Per-application limits as (15-minute, daily) request counts."""

    overall: tuple[int, int] = (200, 2000)
    read: tuple[int, int] = (100, 1000)


@dataclass(frozen=True)
class SandboxConfig:
    """Everything a sandbox needs; every field has a development default."""

    applications: tuple[Application, ...] = ()
    seed: int = 42
    activity_counts: Mapping[int, int] = field(default_factory=lambda: dict(DEFAULT_ACTIVITY_COUNTS))
    #: Share of each athlete's activities that are not runs (Ride, Swim, ...).
    non_run_ratio: float = 0.1
    #: Share of each athlete's activities that are private runs ("Only You").
    private_ratio: float = 0.05
    #: Day after the last seeded activity; None means today (UTC) by the clock.
    history_end: date | None = None
    access_token_lifetime: int = 21600
    code_lifetime: int = 600
    rate_limits: RateLimits = RateLimits()
    webhook_timeout: float = 2.0
    webhook_attempts: int = 3
    webhook_retry_delay: float = 1.0
    #: Deliver every webhook event twice, to prove receivers are idempotent.
    duplicate_webhooks: bool = False
    #: When set, /_sandbox/ requires "Authorization: Bearer <admin_token>".
    admin_token: str | None = None
    request_log_size: int = 10000
    clock: Clock = time.time


def with_dev_application(config: SandboxConfig) -> tuple[SandboxConfig, bool]:
    """Give a config without applications one dev app with a random secret.

    Returns the config to use and whether a secret was generated, so that the
    CLI can print it: a generated secret is never a committed one.
    """
    if config.applications:
        return config, False
    dev_app = Application(client_id=DEV_CLIENT_ID, client_secret=secrets.token_hex(20))
    return replace(config, applications=(dev_app,)), True
