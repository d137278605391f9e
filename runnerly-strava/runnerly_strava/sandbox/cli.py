"""`runnerly-strava-sandbox`: serve the sandbox with waitress (one process, threaded).

Every option can also come from the environment as RUNNERLY_STRAVA_SANDBOX_<OPTION>,
for example RUNNERLY_STRAVA_SANDBOX_CLIENT_SECRET. Outside development the admin API
(/_sandbox/, which can rewrite every athlete's data) needs a bearer token, and the banner
never shows a secret that was given rather than generated: logs are not a secret store.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from pathlib import Path

import click
import waitress

from .app import create_app, sandbox_of
from .config import DEFAULT_ACTIVITY_COUNTS, DEV_CLIENT_ID, Application, SandboxConfig

ENV_PREFIX = "RUNNERLY_STRAVA_SANDBOX"
MAKE_A_TOKEN = "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"  # noqa: S105 — a command, not a password


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
    shown = f"{app.client_secret}  (generated for this run; development only)"
    guard = "bearer token" if config.admin_token else "open: development only"
    return "\n".join([
        f"Strava sandbox on {base_url}  (admin API: {base_url}/_sandbox/, {guard})",
        f"  client_id     {app.client_id}",
        f"  client_secret {shown if secret_generated else '(as configured; not shown)'}",
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
@click.option("--admin-token-file", default=None, type=click.Path(exists=True, dir_okay=False),
              help="Read the admin token from this file (a Docker secret).")  # fmt: skip
@click.option("--environment", default="development",
              type=click.Choice(["development", "test", "production"]),
              help="Outside development an admin token is required.")  # fmt: skip
@click.option("--duplicate-webhooks", is_flag=True, help="Deliver every webhook event twice.")
@click.option("--threads", default=8, type=int, help="Waitress worker threads.")
def serve(
    host: str, port: int, threads: int, environment: str, admin_token_file: str | None, **options: object
) -> None:
    """Run the Strava sandbox."""
    if admin_token_file:
        options["admin_token"] = Path(admin_token_file).read_text().strip()
    if environment != "development" and not options["admin_token"]:
        raise click.UsageError(
            f"an admin token is required outside development (--admin-token, --admin-token-file "
            f"or {ENV_PREFIX}_ADMIN_TOKEN); make one with {MAKE_A_TOKEN}"
        )
    config = build_config(**options)  # type: ignore[arg-type]
    app = create_app(config)
    click.echo(banner(f"http://{host}:{port}", config, not options["client_secret"]))
    sandbox_of(app).dispatcher.start()
    waitress.serve(app, host=host, port=port, threads=threads, ident="strava-sandbox")


def main() -> None:
    serve(auto_envvar_prefix=ENV_PREFIX)
