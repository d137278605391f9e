"""Commands every service's console script has: ``serve`` and, with a database, ``db``;
and the wiring of the services' Celery ``worker`` and ``beat`` commands."""

from __future__ import annotations

import functools
import importlib
import os
import shutil
import sys
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def settings_reader(target: str) -> Callable[[], Any]:
    """A function that reads the service's settings (``target`` is ``module:Class``) when a
    command needs them. Nothing heavy is imported with a service's CLI module: ``serve``
    replaces its process with the server, which imports the app again, so pydantic imported
    with the module would be paid twice on every start."""
    module, _, name = target.partition(":")

    def read() -> Any:
        return getattr(importlib.import_module(module), name)()

    return read


@dataclass(frozen=True)
class WorkerOptions:
    """What a ``worker`` command was asked for: its pool and, with ``--beat``, beat's
    schedule file (beat then runs in a thread of the worker)."""

    concurrency: int
    pool: str
    beat_schedule: str | None = None

    def run(self, app, queues: str, log_level: str, hostname: str | None = None) -> None:
        """Run a Celery worker of ``app`` on ``queues`` (comma-separated) in this process,
        under the node name ``hostname`` when given; beat in a thread when asked for."""
        if self.beat_schedule:
            from runnerly_core.workers import start_beat_thread

            start_beat_thread(app, self.beat_schedule)
        argv = ["worker", "-Q", queues, "-c", str(self.concurrency), "-P", self.pool, "-l", log_level]
        if hostname:
            argv += ["-n", hostname]
        app.worker_main(argv)


def worker_options(beat_schedule: str | None = None) -> Callable:
    """The options of a service's ``worker`` command, given to it as ``options``
    (:class:`WorkerOptions`): ``--concurrency`` and ``--pool``; for a service with beat
    (``beat_schedule``, its default schedule file), ``--beat`` and ``--schedule-file``."""
    options = [
        click.option("--concurrency", default=2, show_default=True, type=int),
        click.option("--pool", default="prefork", show_default=True, help="solo: one process (make run)"),
    ]
    if beat_schedule:
        options += [
            click.option("--beat", is_flag=True, help="Also run beat, in a thread (make run)."),
            click.option(
                "--schedule-file", default=beat_schedule, show_default=True, help="Beat's, with --beat."
            ),
        ]

    def decorate(command: Callable) -> Callable:
        @functools.wraps(command)
        def with_options(
            *args, concurrency: int, pool: str, beat: bool = False, schedule_file=None, **kwargs
        ):
            chosen = WorkerOptions(concurrency, pool, schedule_file if beat else None)
            return command(*args, options=chosen, **kwargs)

        for option in reversed(options):
            with_options = option(with_options)
        return with_options

    return decorate


def add_beat_command(
    group: click.Group,
    settings: Callable[[], Any],
    celery_app: Callable[[Any], Any],
    schedule_file: str,
    help: str,
) -> None:
    """``beat``: Celery beat of the app ``celery_app(settings())`` makes, in this process
    (exactly one per deployment), its schedule kept in ``schedule_file`` by default."""

    @group.command(help=help)
    @click.option("--schedule-file", default=schedule_file, show_default=True)
    def beat(schedule_file: str) -> None:
        current = settings()
        Path(schedule_file).parent.mkdir(parents=True, exist_ok=True)
        celery_app(current).start(["beat", "-s", schedule_file, "-l", current.log_level])
