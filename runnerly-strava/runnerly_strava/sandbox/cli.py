"""`runnerly-strava-sandbox`: serve the sandbox with waitress (one process, threaded).

Every option can also come from the environment as RUNNERLY_STRAVA_SANDBOX_<OPTION>,
for example RUNNERLY_STRAVA_SANDBOX_CLIENT_SECRET.
"""

from __future__ import annotations

import secrets
from datetime import datetime

import click
import waitress

from .app import create_app, sandbox_of
from .config import DEFAULT_ACTIVITY_COUNTS, DEV_CLIENT_ID, Application, SandboxConfig

ENV_PREFIX = "RUNNERLY_STRAVA_SANDBOX"


def build_config(
    seed: int = 42,
    client_id: str = DEV_CLIENT_ID,
    client_secret: str | None = None,
    token_lifetime: int = 21600,
    activities: int | None = None,
    history_end: datetime | None = None,
    admin_token: str | None = None,
    duplicate_webhooks: bool = False,
) -> SandboxConfig:
    """The config for these options; a missing secret is generated, never a fixed one."""
    counts = dict(DEFAULT_ACTIVITY_COUNTS)
    if activities is not None:
        counts[1] = activities
    return SandboxConfig(
        applications=(Application(client_id, client_secret or secrets.token_hex(20)),),
        seed=seed,
        activity_counts=counts,
        history_end=history_end.date() if history_end else None,
        access_token_lifetime=token_lifetime,
        admin_token=admin_token,
        duplicate_webhooks=duplicate_webhooks,
    )


def banner(base_url: str, config: SandboxConfig, secret_generated: bool) -> str:
    app = config.applications[0]
    note = "  (generated for this run; development only)" if secret_generated else ""
    return "\n".join([
        f"Strava sandbox on {base_url}  (admin API: {base_url}/_sandbox/)",
        f"  client_id     {app.client_id}",
        f"  client_secret {app.client_secret}{note}",
        f"  authorize at  {base_url}/oauth/authorize",
        f"  seed {config.seed}; activities per athlete {dict(config.activity_counts)}",
    ])  # fmt: skip


@click.command(context_settings={"show_default": True})
@click.option("--host", default="127.0.0.1", help="Interface to listen on.")
@click.option("--port", default=5090, type=int)
@click.option("--seed", default=42, type=int, help="Same seed, same demo data.")
@click.option("--client-id", default=DEV_CLIENT_ID)
@click.option("--client-secret", default=None, help="Generated at random (and printed) when unset.")
@click.option("--token-lifetime", default=21600, type=int, help="Access-token lifetime in seconds.")
@click.option("--activities", default=None, type=int, help="Activities of athlete 1, the demo runner.")
@click.option("--history-end", default=None, type=click.DateTime(["%Y-%m-%d"]),
              help="Day after the last seeded activity; default today (UTC).")  # fmt: skip
@click.option("--admin-token", default=None, help="Require this bearer token on /_sandbox/.")
@click.option("--duplicate-webhooks", is_flag=True, help="Deliver every webhook event twice.")
@click.option("--threads", default=8, type=int, help="Waitress worker threads.")
def serve(host: str, port: int, threads: int, **options: object) -> None:
    """Run the Strava sandbox."""
    config = build_config(**options)  # type: ignore[arg-type]
    app = create_app(config)
    click.echo(banner(f"http://{host}:{port}", config, not options["client_secret"]))
    sandbox_of(app).dispatcher.start()
    waitress.serve(app, host=host, port=port, threads=threads, ident="strava-sandbox")


def main() -> None:
    serve(auto_envvar_prefix=ENV_PREFIX)
