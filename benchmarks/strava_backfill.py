"""Benchmark a Strava backfill end to end against writing the same runs straight to the database.

End to end: an in-process Strava sandbox whose athlete 1 has ``--activities`` activities,
the real data service (``runnerly-data serve``, a subprocess), a token endpoint with its
JWKS, and the Strava service's own Celery worker (``runnerly-strava worker``, a subprocess)
on RabbitMQ with queues named for this run only. The athlete is linked through the Strava
service's linking code (state, consent, code exchange, backfill enqueued), and the clock runs
until the last run is visible in the data service. Detail fetches are off, so Strava is
asked only for summaries; the sandbox's request counters give the calls made.

Anchor: the same mapped runs written with ``upsert_runs`` into a fresh data database, 200 at
a time. Two more timings split the end-to-end time: the same summary pages fetched from the
sandbox alone, and the same runs posted to the data service's bulk endpoint alone.

SQLite by default; PostgreSQL when ``RUNNERLY_BENCH_DATABASE_URL`` is set (databases named
after it are created and dropped). ``RUNNERLY_BENCH_BROKER_URL`` overrides the local RabbitMQ
(``workers.py``).
"""

from __future__ import annotations

import argparse
import math
import os
import signal
import sys
import tempfile
import time
import uuid
import warnings
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import requests
from cryptography.fernet import Fernet
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.orm import Session

# Connexion, imported through the services, warns about httpx on import; nothing to act on.
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")

ROOT = Path(__file__).resolve().parent.parent
# The Strava integration tests' harness (token endpoint, data service subprocess): imported,
# not copied, so that the bench starts the services exactly as those tests do.
sys.path.insert(0, str(ROOT / "runnerly-strava" / "tests"))

from integration.suite import data_service, token_server, wait_until  # noqa: E402
from results import write_measure  # noqa: E402
from workers import BROKER, require_broker, service_worker, wait_for_consumer  # noqa: E402

from runnerly_core.db import make_engine, upgrade  # noqa: E402
from runnerly_core.testing import TestIssuer  # noqa: E402
from runnerly_data import cli as data_cli  # noqa: E402
from runnerly_data import models as data_models  # noqa: E402
from runnerly_data.runs.upsert import upsert_runs  # noqa: E402
from runnerly_strava import cli as strava_cli  # noqa: E402
from runnerly_strava.database import worker_sessions  # noqa: E402
from runnerly_strava.links import services as links  # noqa: E402
from runnerly_strava.links.models import Link  # noqa: E402
from runnerly_strava.runtime import Runtime  # noqa: E402
from runnerly_strava.sandbox import SandboxConfig  # noqa: E402
from runnerly_strava.sandbox.testing import RunningSandbox, serve_sandbox  # noqa: E402
from runnerly_strava.settings import StravaSettings  # noqa: E402
from runnerly_strava.strava.client import PER_PAGE  # noqa: E402
from runnerly_strava.sync.mapping import summary_run  # noqa: E402
from runnerly_strava.worker import CeleryJobs, celery_app, configure  # noqa: E402

ATHLETE = 1
LINK_SCOPE = "read,activity:read_all"  # the scope the service requires: private runs included
LIST_ENDPOINT = "GET /api/v3/athlete/activities"
DETAIL_ENDPOINT = "GET /api/v3/activities/{activity_id}"
CONSENT = "/oauth/authorize"  # the athlete's page, not a call the service makes
ANCHOR_BATCH = 200
# The backfill and the bench's own page fetch share the sandbox's 15-minute read window of
# 100 calls (Strava's default): beyond this the backfill would wait for the next window.
MAX_ACTIVITIES = 9000


@dataclass
class EndToEnd:
    seconds: float
    runs: int
    calls: dict[str, int]
    # When each list call reached the sandbox, in seconds after the link started: the
    # gaps between pages are the pipeline's per-page cost.
    list_offsets: list[float]

    @property
    def list_calls(self) -> int:
        return self.calls.get(LIST_ENDPOINT, 0)

    @property
    def detail_calls(self) -> int:
        return self.calls.get(DETAIL_ENDPOINT, 0)

    @property
    def total_calls(self) -> int:
        return sum(self.calls.values())


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--activities", type=int, default=1000, help="activities of the sandbox athlete")
    parser.add_argument("--timeout", type=float, default=120, help="seconds the backfill may take")
    options = parser.parse_args(argv)
    if not 1 <= options.activities <= MAX_ACTIVITIES:
        parser.error(f"--activities must be between 1 and {MAX_ACTIVITIES}")
    return options


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    # A terminated bench must still stop its processes, delete its queues and drop its
    # databases: SIGTERM becomes an exception that unwinds the ExitStack.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    postgres = os.environ.get("RUNNERLY_BENCH_DATABASE_URL")
    require_broker()
    run_id = uuid.uuid4().hex[:8]
    print(
        f"Backfill of {options.activities} activities; {'PostgreSQL' if postgres else 'SQLite'}, run {run_id}"
    )
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="runnerly-bench-")))
        strava, runtime, data = start_pipeline(stack, options.activities, postgres, folder, run_id)
        expected = strava.admin("GET", f"/athletes/{ATHLETE}").json()["stats"]["runs"]
        end_to_end = backfill(runtime, strava, data, expected, options.timeout)
        pages, fetch_seconds = fetch_pages(strava)
        write_seconds = post_pages(data, pages)
        anchor_db = stack.enter_context(fresh_database(postgres, "anchor", folder, data_cli.MIGRATIONS))
        anchor_seconds = write_straight(anchor_db, [run for page in pages for run in page])
    return report(options.activities, expected, end_to_end, anchor_seconds, fetch_seconds, write_seconds)


def start_pipeline(
    stack: ExitStack, activities: int, postgres: str | None, folder: Path, run_id: str
) -> tuple[RunningSandbox, Runtime, DataClient]:
    """Everything a backfill goes through, each piece stopped or removed by ``stack``."""
    issuer = TestIssuer()
    strava = stack.enter_context(serve_sandbox(SandboxConfig(activity_counts={ATHLETE: activities})))
    token_url = stack.enter_context(token_server(issuer))
    data_db = stack.enter_context(fresh_database(postgres, "data", folder))
    data_url = stack.enter_context(data_service(data_db, token_url, issuer, folder))
    strava_db = stack.enter_context(fresh_database(postgres, "sync", folder, strava_cli.MIGRATIONS))
    settings = strava_settings(strava, strava_db, data_url, token_url, issuer, f"bench-{run_id}.strava")
    queues = (settings.sync_queue, settings.details_queue)
    stack.enter_context(service_worker("runnerly_strava", "StravaSettings", queues, folder, run_id))
    # The linking code runs here and enqueues the first page through the same Celery app.
    runtime = Runtime.build(settings, worker_sessions(strava_db), CeleryJobs(celery_app))
    configure(celery_app, runtime)
    wait_for_consumer(settings.sync_queue)
    print("Data service, token endpoint, sandbox and worker are up; linking the athlete.")
    return strava, runtime, DataClient(data_url, issuer)


@contextmanager
def fresh_database(
    postgres: str | None, role: str, folder: Path, migrations: Path | None = None
) -> Iterator[str]:
    """An empty database (migrated when ``migrations`` is given), removed afterwards."""
    if not postgres:
        url = f"sqlite:///{folder}/{role}.sqlite"
        if migrations:
            upgrade(url, migrations)
        yield url
        return
    base = make_url(postgres)
    if "bench" not in (base.database or ""):
        # Databases named after it are dropped when the bench ends: never near real data.
        raise SystemExit(f"refusing database {base.database!r}: its name must contain 'bench'")
    url = base.set(database=f"{base.database}_strava_{role}")
    _postgres(url, "DROP DATABASE IF EXISTS", " WITH (FORCE)")
    _postgres(url, "CREATE DATABASE")
    try:
        rendered = url.render_as_string(hide_password=False)
        if migrations:
            upgrade(rendered, migrations)
        yield rendered
    finally:
        _postgres(url, "DROP DATABASE IF EXISTS", " WITH (FORCE)")


def _postgres(url, statement: str, suffix: str = "") -> None:
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'{statement} "{url.database}"{suffix}'))
    admin.dispose()


def strava_settings(
    strava: RunningSandbox, database: str, data_url: str, token_url: str, issuer: TestIssuer, prefix: str
) -> StravaSettings:
    """One set of ``RUNNERLY_STRAVA_*`` variables, put in this process's environment so that
    the worker subprocess and the linking code here read the very same settings (the token
    cipher's keys above all: the worker decrypts what the link stored)."""
    variables = {
        "ENVIRONMENT": "test",
        "DATABASE_URL": database,
        "BROKER_URL": BROKER,
        "QUEUE_PREFIX": prefix,
        "DATA_URL": data_url,
        "TOKEN_URL": f"{token_url}/oauth/token",
        "TOKEN_ISSUER": issuer.issuer,
        "JWKS_URL": f"{token_url}/.well-known/jwks.json",
        "SUITE_CLIENT_ID": "runnerly-strava",
        "SUITE_CLIENT_SECRET": uuid.uuid4().hex,
        "CLIENT_ID": strava.client_id,
        "CLIENT_SECRET": strava.client_secret,
        "API_URL": strava.url("/api/v3"),
        "OAUTH_URL": strava.url("/oauth"),
        "REDIRECT_URI": "http://localhost/strava/callback",
        # Summaries only: the bound below is for list calls, and details are a later queue.
        "FETCH_DETAILS": "false",
        "TOKEN_KEYS": Fernet.generate_key().decode(),
        "STATE_SECRET": uuid.uuid4().hex,
        "WEBHOOK_VERIFY_TOKEN": uuid.uuid4().hex,
        "WEBHOOK_PATH_SECRET": uuid.uuid4().hex + uuid.uuid4().hex,
        "LOG_JSON": "false",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update({f"RUNNERLY_STRAVA_{name}": value for name, value in variables.items()})
    return StravaSettings()


class DataClient:
    """The data service as a test client sees it: service tokens from the test issuer."""

    def __init__(self, url: str, issuer: TestIssuer) -> None:
        token = issuer.service_token(
            "bench", audience="runnerly-data", scope="users:write runs:read runs:write"
        )
        self.url, self.headers = url, {"Authorization": f"Bearer {token}"}

    def new_runner(self) -> int:
        body = {"email": f"bench-{uuid.uuid4().hex[:10]}@example.org", "timezone": "Europe/London"}
        return self._call("POST", "/users", json=body)["id"]

    def strava_runs(self, user_id: int) -> int:
        return self._call("GET", f"/users/{user_id}/runs", params={"source": "strava", "per_page": 1})[
            "total"
        ]

    def bulk(self, user_id: int, runs: list[dict]) -> None:
        self._call("POST", f"/users/{user_id}/runs/bulk", json={"runs": runs})

    def _call(self, method: str, path: str, **kwargs) -> dict:
        answer = requests.request(method, f"{self.url}{path}", headers=self.headers, timeout=30, **kwargs)
        answer.raise_for_status()
        return answer.json()


def backfill(
    runtime: Runtime, strava: RunningSandbox, data: DataClient, expected: int, timeout: float
) -> EndToEnd:
    """Link the athlete and time until every run is visible; count Strava calls once the
    backfill has also made its last (empty) page request."""
    user_id = data.new_runner()
    strava.admin("DELETE", "/requests")
    started, started_epoch = time.perf_counter(), time.time()
    link(runtime, strava, user_id)
    wait_until(lambda: data.strava_runs(user_id) >= expected, timeout=timeout, interval=0.05, what="the runs")
    seconds = time.perf_counter() - started
    wait_until(lambda: backfill_done(runtime, user_id), timeout=30, what="the backfill's last page")
    log = strava.admin("GET", "/requests").json()
    calls = {endpoint: n for endpoint, n in log["by_endpoint"].items() if CONSENT not in endpoint}
    offsets = [r["time"] - started_epoch for r in log["requests"] if r["endpoint"] == LIST_ENDPOINT]
    return EndToEnd(seconds, data.strava_runs(user_id), calls, offsets)


def link(runtime: Runtime, strava: RunningSandbox, user_id: int) -> None:
    """What POST /users/{id}/strava/link and its callback do, minus HTTP: a signed state, the
    athlete's consent, the code exchanged and the link stored, then the first backfill page."""
    authorize_url = links.start_link(runtime, user_id)["authorize_url"]
    answer = consent(strava, authorize_url)
    with runtime.sessions() as session:
        stored = links.complete_link(session, runtime, user_id, answer)
        runtime.jobs.backfill(user_id, stored.backfill_before)


def consent(strava: RunningSandbox, authorize_url: str) -> dict:
    """The athlete ticks every box on the sandbox's page; Strava's redirect, as a dict."""
    query = {key: values[0] for key, values in parse_qs(urlsplit(authorize_url).query).items()}
    form = {**query, "athlete_id": str(ATHLETE), "scope": LINK_SCOPE, "decision": "authorize"}
    answer = requests.post(strava.url(CONSENT), data=form, allow_redirects=False, timeout=10)
    answer.raise_for_status()
    return {key: values[0] for key, values in parse_qs(urlsplit(answer.headers["Location"]).query).items()}


def backfill_done(runtime: Runtime, user_id: int) -> bool:
    with runtime.sessions() as session:
        return session.get(Link, user_id).backfill_state == "done"


def fetch_pages(strava: RunningSandbox) -> tuple[list[list[dict]], float]:
    """The athlete's summaries, 200 a page as the backfill asks, mapped as it maps them;
    and the seconds the pages took alone."""
    headers = strava.bearer(strava.authorize(ATHLETE))
    pages, number, seconds = [], 1, 0.0
    while True:
        started = time.perf_counter()
        answer = requests.get(
            strava.url("/api/v3/athlete/activities"),
            params={"page": number, "per_page": PER_PAGE},
            headers=headers,
            timeout=30,
        )
        answer.raise_for_status()
        seconds += time.perf_counter() - started
        activities = answer.json()
        pages.append([run for run in map(summary_run, activities) if run is not None])
        if len(activities) < PER_PAGE:
            return pages, seconds
        number += 1


def post_pages(data: DataClient, pages: list[list[dict]]) -> float:
    """Seconds the data service's bulk endpoint alone takes for the same pages (a new runner)."""
    user_id = data.new_runner()
    started = time.perf_counter()
    for page in pages:
        if page:
            data.bulk(user_id, page)
    return time.perf_counter() - started


def write_straight(url: str, runs: list[dict]) -> float:
    """The anchor: ``upsert_runs`` on a fresh database, 200 runs a transaction."""
    engine = make_engine(url)
    try:
        with Session(engine, expire_on_commit=False) as session:
            user = data_models.User(
                email="bench@runnerly.local", first_name="Bench", timezone="Europe/London"
            )
            session.add(user)
            session.commit()
            started = time.perf_counter()
            for first in range(0, len(runs), ANCHOR_BATCH):
                upsert_runs(session, user.id, runs[first : first + ANCHOR_BATCH])
            return time.perf_counter() - started
    finally:
        engine.dispose()


def report(
    activities: int, expected: int, e2e: EndToEnd, anchor_seconds: float, fetch: float, write: float
) -> int:
    bound = math.ceil(activities / PER_PAGE) + 3
    held = e2e.total_calls <= bound
    e2e_rate, anchor_rate = e2e.runs / e2e.seconds, e2e.runs / anchor_seconds
    rows = [
        ("activities", f"{activities}"),
        ("runs imported", f"{e2e.runs} of {expected}"),
        ("Strava calls (list / total)", f"{e2e.list_calls} / {e2e.total_calls}"),
        ("detail fetches", f"{e2e.detail_calls} (disabled)"),
        ("calls per activity", f"{e2e.total_calls / activities:.4f}"),
        ("bound ceil(N/200)+3", f"{bound} ({'held' if held else 'EXCEEDED'})"),
        ("end to end", f"{e2e_rate:8.1f} runs/s ({e2e.seconds:.2f} s)"),
        ("anchor (upsert_runs)", f"{anchor_rate:8.1f} runs/s ({anchor_seconds:.2f} s)"),
        ("end to end / anchor", f"{e2e_rate / anchor_rate:.2f}"),
    ]
    print()
    for name, value in rows:
        print(f"  {name:<30} {value}")
    print(conclusion(e2e.seconds, fetch, write))
    by_endpoint = ", ".join(f"{endpoint}: {n}" for endpoint, n in sorted(e2e.calls.items()))
    print(f"  calls by endpoint: {by_endpoint}")
    print(f"  list calls at (s after the link): {' '.join(f'{t:.2f}' for t in e2e.list_offsets)}")
    complete = e2e.runs == expected
    write_measure(
        "strava_calls_per_backfill",
        e2e.total_calls if complete else None,
        goal=bound,
        direction="at_most",
        unit=f"Strava calls for a backfill of {activities} summaries (goal ceil(N/200)+3)",
        details={
            "activities": activities,
            "runs_imported": e2e.runs,
            "list_calls": e2e.list_calls,
            "end_to_end_over_upsert": e2e_rate / anchor_rate,
        },
        reason=None if complete else f"only {e2e.runs} of {expected} runs imported",
    )
    return 0 if held and complete else 1


def conclusion(total: float, fetch: float, write: float) -> str:
    """Name the largest share of the end-to-end time; the pipeline's own share is what the
    two isolated timings leave over (Celery hops, the worker's bookkeeping, the link)."""
    if fetch + write > total:
        # The parts cannot take longer alone than the whole: a neighbour took the cores.
        return (
            f"Conclusion: inconclusive; the pages fetched ({fetch:.2f} s) and written ({write:.2f} s)"
            f" alone took longer than the whole backfill ({total:.2f} s): the machine was busy, run again."
        )
    shares = {
        "writing to the data service (bulk endpoint)": write,
        "fetching Strava's summary pages": fetch,
        "the pipeline itself (Celery hops, sync bookkeeping, linking)": total - fetch - write,
    }
    name, seconds = max(shares.items(), key=lambda item: item[1])
    parts = ", ".join(f"{key.split(' (')[0]} {value:.2f} s" for key, value in shares.items())
    return (
        f"Conclusion: {name} dominates the end-to-end time ({seconds / total:.0%}):"
        f" {parts}, of {total:.2f} s."
    )


if __name__ == "__main__":
    sys.exit(main())
