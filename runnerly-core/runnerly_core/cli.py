"""Commands every service's console script has: ``serve`` and, with a database, ``db``."""

from __future__ import annotations

import os
import shutil
import sys
import threading
import warnings
from collections.abc import Callable
from pathlib import Path

import click

# Nothing heavy at import: `serve` replaces this process with the server, which imports the
# app again, so what this module imports is paid twice on every start (benchmarks/README.md).

HTTPX_WARNING = "Using `httpx` with `starlette.testclient`"
# What SQLite and PostgreSQL say of a table (or a SQLite file) no migration has made yet.
MISSING_TABLE = ("no such table", "does not exist", "unable to open database file")


class ServiceGroup(click.Group):
    """A service's command group: a database that has not been migrated gives one line
    saying what to run, not a traceback."""

    database_url: Callable[[], str] | None = None

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except Exception as error:
            if not _not_migrated_error(error):
                raise
            raise click.ClickException(self._not_migrated()) from None

    def _not_migrated(self) -> str:
        from sqlalchemy import make_url

        where = "the database"
        if self.database_url is not None:
            where = make_url(self.database_url()).render_as_string(hide_password=True)
        return (
            f"{where} has not been migrated: run `{self.name} db upgrade` "
            f"(or `make run`, which migrates every service), or set the database URL"
        )


def _not_migrated_error(error: Exception) -> bool:
    """Whether ``error`` is what SQLite or PostgreSQL say of a table no migration has made."""
    from sqlalchemy.exc import OperationalError, ProgrammingError  # imported by whoever raised it

    if not isinstance(error, OperationalError | ProgrammingError):
        return False
    return any(words in str(error.orig) for words in MISSING_TABLE)


def service_group(name: str, app_factory: str, default_port: int) -> click.Group:
    """A click group with ``serve``; ``app_factory`` is ``module:create_app()``."""
    # Connexion imports Starlette's test client, which warns about httpx on every import;
    # a console user can do nothing about it.
    warnings.filterwarnings("ignore", message=HTTPX_WARNING)

    @click.group(name=name, cls=ServiceGroup, help=f"Run and manage {name}.")
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
    @click.option(
        "--single-process",
        is_flag=True,
        help="One uvicorn process, no gunicorn master (make run: a third less memory per service).",
    )
    def serve(host: str, port: int, workers: int, single_process: bool) -> None:
        # The spec was validated by the tests; checking it again costs every start.
        os.environ.setdefault(f"{name.upper().replace('-', '_')}_VALIDATE_SPEC", "false")
        if threading.current_thread() is not threading.main_thread():
            # A thread of runnerly_core.together (make run's web process): serve here, on
            # an event loop of this thread; replacing the process would end its siblings.
            from runnerly_core.serving import serve_in_this_thread

            serve_in_this_thread(app_factory, host, port)
            return
        # The workers import Connexion, whose import of Starlette's test client warns.
        os.environ.setdefault("PYTHONWARNINGS", f"ignore:{HTTPX_WARNING}:UserWarning")
        argv = (
            uvicorn_argv(app_factory, host, port)
            if single_process
            else gunicorn_argv(app_factory, host, port, workers)
        )
        # Replaces this process with the server; argv is built here, nothing comes from a user.
        os.execv(argv[0], argv)  # noqa: S606

    return group


def uvicorn_argv(app_factory: str, host: str, port: int) -> list[str]:
    """One uvicorn process serving ``app_factory`` (``module:create_app()``), as a gunicorn
    worker would: no access log, ten seconds to finish requests on stop."""
    factory = app_factory.removesuffix("()")
    return [
        sys.executable,
        "-m",
        "runnerly_core.serving",  # uvicorn, with Connexion's test client left out
        "--factory",
        factory,
        "--host",
        host,
        "--port",
        str(port),
        "--no-access-log",
        "--timeout-graceful-shutdown",
        "10",
    ]


def gunicorn_argv(app_factory: str, host: str, port: int, workers: int) -> list[str]:
    gunicorn = shutil.which("gunicorn") or "gunicorn"
    return [
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


def add_db_commands(group: ServiceGroup, database_url: Callable[[], str], migrations: Path) -> None:
    """``db upgrade``; ``database_url`` is called only when a command needs it (reading the
    settings imports pydantic, which ``serve`` does not need before it replaces itself)."""
    group.database_url = database_url

    @group.group(help="Database migrations.")
    def db() -> None:
        pass

    @db.command(help="Upgrade the database to the latest schema.")
    @click.option("--revision", default="head", show_default=True)
    def upgrade(revision: str) -> None:
        from runnerly_core import db as database

        database.upgrade(database_url(), migrations, revision)
        click.echo(f"{group.name}: database at {revision}")
