"""One sandbox: its config and every piece of in-memory state, wired together."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

from flask import current_app

from . import events
from .clock import SandboxClock
from .config import Application, SandboxConfig
from .faults import Faults
from .places import DEMO_ATHLETES
from .ratelimit import RateLimiter
from .requestlog import RequestLog
from .seed import SeedSpec
from .store import ActivityChange, ActivityStore
from .tokens import TokenStore
from .webhooks import Dispatcher, Subscriptions

EXTENSION = "runnerly_strava_sandbox"


def check_config(config: SandboxConfig) -> None:
    known = {athlete.id for athlete in DEMO_ATHLETES}
    unknown = set(config.activity_counts) - known
    if unknown:
        raise ValueError(f"activity_counts names unknown athletes {sorted(unknown)}; known: {sorted(known)}")
    if config.non_run_ratio + config.private_ratio > 0.9:
        raise ValueError("non_run_ratio + private_ratio must leave at least 10 % public runs")
    if any(count < 0 for count in config.activity_counts.values()):
        raise ValueError("activity counts cannot be negative")


@dataclass
class Sandbox:
    config: SandboxConfig
    clock: SandboxClock
    activities: ActivityStore
    tokens: TokenStore
    limiter: RateLimiter
    faults: Faults
    requests: RequestLog
    subscriptions: Subscriptions
    dispatcher: Dispatcher

    @classmethod
    def build(cls, config: SandboxConfig) -> Sandbox:
        check_config(config)
        clock = SandboxClock(config.clock)
        return cls(
            config=config,
            clock=clock,
            activities=ActivityStore(seed_spec(config, clock())),
            tokens=TokenStore(clock, config.access_token_lifetime, config.code_lifetime),
            limiter=RateLimiter(config.rate_limits, clock),
            faults=Faults(),
            requests=RequestLog(config.request_log_size),
            subscriptions=Subscriptions(),
            dispatcher=Dispatcher(config.webhook_timeout, config.webhook_attempts,
                                  config.webhook_retry_delay, config.duplicate_webhooks),
        )  # fmt: skip

    def application(self, client_id: str | None) -> Application | None:
        return next((a for a in self.config.applications if a.client_id == client_id), None)

    @property
    def default_client_id(self) -> str:
        return self.config.applications[0].client_id

    def reset(self, seed: int | None = None) -> None:
        """Back to the seeded state: tokens, subscriptions, faults, logs all cleared."""
        if seed is not None:
            self.config = replace(self.config, seed=seed)
        self.clock.reset()
        self.activities.reset(seed_spec(self.config, self.clock()))
        self.tokens.reset()
        self.limiter.reset(self.config.rate_limits)
        self.faults.clear()
        self.requests.reset()
        self.subscriptions.reset()
        self.dispatcher.reset()

    def notify_activity(self, change: ActivityChange) -> None:
        for app in self.config.applications:
            subscription = self.subscriptions.of_client(app.client_id)
            scopes = self.tokens.granted_scopes(app.client_id, change.owner_id)
            if subscription is None or scopes is None:
                continue
            for aspect_type, updates in events.activity_events(change, scopes):
                self.dispatcher.publish(subscription.callback_url, events.event(
                    "activity", change.activity_id, aspect_type, updates,
                    change.owner_id, subscription.id, self.clock()))  # fmt: skip

    def notify_deauthorization(self, client_id: str, athlete_id: int) -> None:
        subscription = self.subscriptions.of_client(client_id)
        if subscription is not None:
            self.dispatcher.publish(subscription.callback_url, events.event(
                "athlete", athlete_id, "update", {"authorized": "false"},
                athlete_id, subscription.id, self.clock()))  # fmt: skip


def seed_spec(config: SandboxConfig, now: float) -> SeedSpec:
    end_day = config.history_end or datetime.fromtimestamp(now, UTC).date()
    return SeedSpec(config.seed, config.activity_counts, config.non_run_ratio, config.private_ratio, end_day)


def current_sandbox() -> Sandbox:
    return current_app.extensions[EXTENSION]
