"""Commands every service's console script has: ``serve`` and, with a database, ``db``."""

from __future__ import annotations

import os
import shutil
import warnings
from collections.abc import Callable
from pathlib import Path

import click

from runnerly_core import db as database

HTTPX_WARNING = "Using `httpx` with `starlette.testclient`"


def service_group(name: str, app_factory: str, default_port: int) -> click.Group:
    """A click group with ``serve``; ``app_factory`` is ``module:create_app()``."""
    # Connexion imports Starlette's test client, which warns about httpx on every import;
    # a console user can do nothing about it.
    warnings.filterwarnings("ignore", message=HTTPX_WARNING)

    @click.group(name=name, help=f"Run and manage {name}.")
    def group() -> None:
        pass

    @group.command(help="Serve the API with gunicorn and uvicorn workers.")
    @click.option("--host", default="127.0.0.1", show_default=True)
    @click.option("--port", default=default_port, show_default=True, type=int)
    @click.option(
        "--workers",
        default=1,
        show_default=True,
        type=int,
        help="About one per core; every worker is stateless.",
    )
    def serve(host: str, port: int, workers: int) -> None:
        gunicorn = shutil.which("gunicorn") or "gunicorn"
        argv = [
            gunicorn,
            "-k",
            "uvicorn_worker.UvicornWorker",
            "-w",
            str(workers),
            "-b",
            f"{host}:{port}",
            "--graceful-timeout",
            "10",
            "--no-control-socket",
            app_factory,
        ]
        # The workers import Connexion, whose import of Starlette's test client warns.
        os.environ.setdefault("PYTHONWARNINGS", f"ignore:{HTTPX_WARNING}:UserWarning")
        # Replaces this process with gunicorn; argv is built above, nothing comes from a user.
        os.execv(gunicorn, argv)  # noqa: S606

    return group


def add_db_commands(group: click.Group, database_url: Callable[[], str], migrations: Path) -> None:
    @group.group(help="Database migrations.")
    def db() -> None:
        pass

    @db.command(help="Upgrade the database to the latest schema.")
    @click.option("--revision", default="head", show_default=True)
    def upgrade(revision: str) -> None:
        database.upgrade(database_url(), migrations, revision)
        click.echo(f"{group.name}: database at {revision}")
