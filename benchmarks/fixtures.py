"""What the bench needs before timing: a migrated database with one runner and their runs,
and a token issuer whose JWKS is served over HTTP as the token dealer serves it."""

from __future__ import annotations

import json
import random
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.orm import Session

from runnerly_core.db import make_engine, upgrade
from runnerly_core.testing import TestIssuer
from runnerly_data import demo, models
from runnerly_data.cli import MIGRATIONS
from runnerly_data.runs.upsert import upsert_runs

JWKS_PATH = "/.well-known/jwks.json"


@contextmanager
def migrated_database(postgres_url: str | None) -> Iterator[str]:
    """A fresh database at the schema's head, removed afterwards: PostgreSQL when
    ``postgres_url`` is given (its database is created and dropped), else a SQLite file."""
    with _postgres_database(postgres_url) if postgres_url else _sqlite_database() as url:
        upgrade(url, MIGRATIONS)
        yield url


@contextmanager
def _sqlite_database() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="runnerly-bench-") as folder:
        yield f"sqlite:///{folder}/data.sqlite"


@contextmanager
def _postgres_database(postgres_url: str) -> Iterator[str]:
    url = make_url(postgres_url)
    if "bench" not in (url.database or ""):
        # The bench drops this database when it ends: never one that may hold real data.
        raise SystemExit(f"refusing to use database {url.database!r}: its name must contain 'bench'")
    _postgres(url, "DROP DATABASE IF EXISTS", " WITH (FORCE)")
    _postgres(url, "CREATE DATABASE")
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        _postgres(url, "DROP DATABASE IF EXISTS", " WITH (FORCE)")


def _postgres(url, statement: str, suffix: str = "") -> None:
    """Run ``statement "name"`` from the server's maintenance database."""
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'{statement} "{url.database}"{suffix}'))
    admin.dispose()


def seed_runner(url: str, runs: int, seed: int = 7) -> int:
    """A runner with ``runs`` plausible runs (the demo runner's, over as many years as it
    takes), written through the bulk upsert as sync workers write them. Returns their id."""
    rng = random.Random(seed)  # noqa: S311 — bench data, not security
    payloads = [demo.run_payload(rng, run, number) for number, run in enumerate(_days(rng, runs))]
    engine = make_engine(url)
    with Session(engine, expire_on_commit=False) as session:
        user = models.User(email="bench@runnerly.local", first_name="Bench", timezone="Europe/London")
        session.add(user)
        session.commit()
        upsert_runs(session, user.id, payloads)
    engine.dispose()
    return user.id


def _days(rng: random.Random, count: int) -> list[demo.DemoRun]:
    planned: list[demo.DemoRun] = []
    last_day = datetime.now(UTC).date()
    while len(planned) < count:
        planned += demo.plan_year(rng, last_day)
        last_day -= timedelta(days=365)
    return sorted(planned, key=lambda run: run.day, reverse=True)[:count]


@contextmanager
def jwks_server(issuer: TestIssuer) -> Iterator[str]:
    """The issuer's JWKS at an HTTP URL on 127.0.0.1, for as long as the block runs."""
    body = json.dumps(issuer.jwks()).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path != JWKS_PATH:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args) -> None:
            pass  # the bench's output is its table

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{JWKS_PATH}"
    finally:
        server.shutdown()
        server.server_close()


def user_token(issuer: TestIssuer, user_id: int, audience: str, scope: str, ttl: int) -> str:
    """A dashboard's token on behalf of ``user_id``, valid for ``ttl`` seconds."""
    claims = issuer.claims(
        audience=audience, scope=scope, sub=str(user_id), client_id="runnerly-dashboard", ttl=ttl
    )
    return issuer.sign(claims)
