"""Benchmark a Strava bulk export imported end to end against writing the same runs
straight to the database.

End to end: a ZIP shaped like a Strava export (``activities/*.gpx``, ``*.fit.gz``,
``*.tcx.gz`` and ``activities.csv``) of ``--activities`` runs is uploaded over HTTP to the
import service (served here by uvicorn); its own Celery worker (``runnerly-import worker``,
prefork, two processes, a subprocess) parses the files on RabbitMQ with a queue named for
this run, and writes the runs through the real data service's bulk upsert (a
subprocess). The clock runs from the upload until every job is finished.

Anchor: the very runs the import made (the same mapping, computed here untimed) written
with ``upsert_runs`` into a fresh data database, 200 at a time, as the Strava backfill
bench does. SQLite by default; PostgreSQL when ``RUNNERLY_BENCH_DATABASE_URL`` is set.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import random
import signal
import sys
import tempfile
import time
import uuid
import warnings
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fitdecode
import requests

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "runnerly-import"))  # the tests' sample writers (GPX, TCX, FIT)

from results import write_measure  # noqa: E402
from strava_backfill import (  # noqa: E402 — the same harness pieces as the backfill bench
    DataClient,
    fresh_database,
    write_straight,
)
from tests.samples import Activity, fit, gpx, gz, run_north, strava_export, tcx  # noqa: E402
from workers import BROKER, require_broker, service_worker, wait_for_consumer  # noqa: E402

from runnerly_core.testing import TestIssuer  # noqa: E402
from runnerly_core.testing_suite import data_service, served, token_server, wait_until  # noqa: E402
from runnerly_data import cli as data_cli  # noqa: E402
from runnerly_import import cli as import_cli  # noqa: E402
from runnerly_import.activity.run import Limits, sourced_run  # noqa: E402
from runnerly_import.app import create_app  # noqa: E402
from runnerly_import.parsing import files  # noqa: E402
from runnerly_import.parsing.xml import parse_xml  # noqa: E402
from runnerly_import.settings import ImportSettings  # noqa: E402
from runnerly_import.uploads.services import JOBS_PER_TASK  # noqa: E402

# Mostly GPX (phone recordings), some TCX and FIT. fit-tool, the FIT encoder the samples use,
# takes about a second per file, so FIT files are few here; the worker reads FIT at about a
# third of the GPX rate (see the README).
FORMATS = (("gpx", 0.83), ("tcx.gz", 0.15), ("fit.gz", 0.02))
CORES = os.cpu_count() or 1
WRITERS = {"gpx": gpx, "fit.gz": lambda a: gz(fit(a)), "tcx.gz": lambda a: gz(tcx(a))}


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--activities", type=int, default=1000)
    parser.add_argument("--every", type=int, default=2, help="seconds between track points")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds the import may take")
    return parser.parse_args(argv)


def export(count: int, every: int) -> tuple[bytes, dict[str, bytes]]:
    """Runs of 20 to 60 minutes, one a day, in the format mix of a Strava export."""
    chooser = random.Random(42)  # noqa: S311 — reproducible sample data, not security
    activities = {}
    start = datetime(2024, 1, 1, 6, 30, tzinfo=UTC)
    for number in range(1, count + 1):
        kind = chooser.choices([k for k, _ in FORMATS], [w for _, w in FORMATS])[0]
        seconds = chooser.randrange(1200, 3600)
        points = run_north(seconds, speed=chooser.uniform(2.6, 3.8), every=every, hr=lambda t: 140 + t % 20)
        activity = Activity(points, start=start + timedelta(days=number), name=None)
        activities[f"{1000 + number}.{kind}"] = WRITERS[kind](activity)
    return strava_export(activities), activities


def main(argv=None) -> int:
    options = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    postgres = os.environ.get("RUNNERLY_BENCH_DATABASE_URL")
    require_broker()
    run_id = uuid.uuid4().hex[:8]
    archive, activities = export(options.activities, options.every)
    print(
        f"Import of a {len(archive) / 1e6:.1f} MB export of {len(activities)} activities; run {run_id}",
        flush=True,
    )
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="runnerly-bench-")))
        app_url, data = start_pipeline(stack, postgres, folder, run_id)
        seconds, _, done = import_export(app_url, data, archive, options.timeout)
        print(
            f"End to end: {done} runs in {seconds:.1f} s; now the anchor and the split timings.", flush=True
        )
        started = time.perf_counter()
        runs = mapped_runs(activities)
        parse_seconds = time.perf_counter() - started
        post_seconds = post_runs(data, runs)
        decode_seconds = decoding_alone(activities)
        anchor_db = stack.enter_context(
            fresh_database(postgres, "import_anchor", folder, data_cli.MIGRATIONS)
        )
        anchor_seconds = write_straight(anchor_db, runs)
    return report(
        len(activities), done, seconds, anchor_seconds, Splits(parse_seconds, post_seconds, decode_seconds)
    )


def start_pipeline(stack: ExitStack, postgres, folder: Path, run_id: str):
    issuer = TestIssuer()
    token_url = stack.enter_context(token_server(issuer))
    data_db = stack.enter_context(fresh_database(postgres, "import_data", folder))
    data_url = stack.enter_context(data_service(data_db, token_url, issuer, folder))
    import_db = stack.enter_context(fresh_database(postgres, "import", folder, import_cli.MIGRATIONS))
    settings = import_settings(import_db, data_url, token_url, issuer, f"bench-{run_id}.import")
    queues = [settings.files_queue]
    stack.enter_context(service_worker("runnerly_import", "ImportSettings", queues, folder, run_id))
    app = create_app(settings)  # as deployed: jobs go to the broker through the Celery app
    issuer.trusted_by(app)
    app_url = stack.enter_context(served(app))
    wait_for_consumer(settings.files_queue)
    print("Data service, token endpoint, import service and worker are up; uploading.", flush=True)
    return app_url, BenchClient(data_url, app_url, issuer)


def import_settings(database: str, data_url: str, token_url: str, issuer: TestIssuer, prefix: str):
    variables = {
        "ENVIRONMENT": "test",
        "DATABASE_URL": database,
        "BROKER_URL": BROKER,
        "QUEUE_PREFIX": prefix,
        "DATA_URL": data_url,
        "TOKEN_URL": f"{token_url}/oauth/token",
        "TOKEN_ISSUER": issuer.issuer,
        "JWKS_URL": f"{token_url}/.well-known/jwks.json",
        "CLIENT_ID": "runnerly-import",
        "CLIENT_SECRET": uuid.uuid4().hex,
        "LOG_JSON": "false",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update({f"RUNNERLY_IMPORT_{name}": value for name, value in variables.items()})
    return ImportSettings()


class BenchClient(DataClient):
    def __init__(self, data_url: str, app_url: str, issuer: TestIssuer) -> None:
        super().__init__(data_url, issuer)
        self.app_url, self.issuer = app_url, issuer

    def import_headers(self, user_id: int) -> dict:
        token = self.issuer.user_token(
            user_id, audience="runnerly-import", scope="imports:write imports:read"
        )
        return {"Authorization": f"Bearer {token}"}

    def finished(self, user_id: int) -> int:
        headers, total = self.import_headers(user_id), 0
        for status in ("done", "failed"):
            answer = requests.get(
                f"{self.app_url}/users/{user_id}/imports",
                params={"status": status, "per_page": 1},
                headers=headers,
                timeout=30,
            )
            total += answer.json()["total"]
        return total


def import_export(app_url: str, data: BenchClient, archive: bytes, timeout: float):
    user_id = data.new_runner()
    started = time.perf_counter()
    answer = requests.post(
        f"{app_url}/users/{user_id}/imports",
        files=[("file", ("export.zip", archive, "application/zip"))],
        headers=data.import_headers(user_id),
        timeout=120,
    )
    answer.raise_for_status()
    expected = len(answer.json()["jobs"])
    wait_until(lambda: data.finished(user_id) >= expected, timeout=timeout, interval=0.25, what="the jobs")
    seconds = time.perf_counter() - started
    done = requests.get(
        f"{data.url}/users/{user_id}/runs", params={"per_page": 1}, headers=data.headers, timeout=30
    ).json()["total"]
    return seconds, user_id, done


def mapped_runs(activities: dict[str, bytes]) -> list[dict]:
    limits = Limits(12.5, 7 * 86400)
    runs = []
    for name, content in activities.items():
        kind, gzipped = files.activity_kind(name)
        content = files.inflate(content, 10**9) if gzipped else content
        runs.append(sourced_run(files.parse(kind, content), hashlib.sha256(content).hexdigest(), limits))
    return runs


def decoding_alone(activities: dict[str, bytes]) -> float:
    """Seconds the parsing libraries alone take to read every file, in one process: lxml
    building each GPX and TCX tree, fitdecode decoding each FIT file; no column, no figure."""
    started = time.perf_counter()
    for name, content in activities.items():
        kind, gzipped = files.activity_kind(name)
        content = files.inflate(content, 10**9) if gzipped else content
        if kind == "fit":
            with fitdecode.FitReader(io.BytesIO(content), processor=None) as reader:
                for _ in reader:
                    pass
        else:
            parse_xml(content, kind)
    return time.perf_counter() - started


@dataclass(frozen=True)
class Splits:
    """Parts of the work, each timed alone in one process."""

    parse: float  # every file parsed into its run
    post: float  # the runs posted to the bulk endpoint
    decode: float  # every file read by the parsing libraries alone

    def ceiling(self, anchor_seconds: float) -> float:
        """The best ratio this machine allows: if the import cost nothing but the
        libraries' decoding and the bulk endpoint's writes, spread over every core."""
        return anchor_seconds / ((self.decode + self.post) / CORES)


def post_runs(data: BenchClient, runs: list[dict]) -> float:
    """Seconds the data service's bulk endpoint alone takes for the same runs, as many a
    call as the workers send (a new runner)."""
    data = BenchClient(data.url, data.app_url, data.issuer)  # a fresh token: the import may take long
    user_id = data.new_runner()
    started = time.perf_counter()
    for first in range(0, len(runs), JOBS_PER_TASK):
        data.bulk(user_id, runs[first : first + JOBS_PER_TASK])
    return time.perf_counter() - started


def report(activities: int, done: int, seconds: float, anchor_seconds: float, splits: Splits) -> int:
    rate, anchor_rate = done / seconds, done / anchor_seconds
    ratio, ceiling = rate / anchor_rate, splits.ceiling(anchor_seconds)
    print()
    for name, value in (
        ("activities in the export", f"{activities}"),
        ("runs written", f"{done}"),
        ("end to end (upload → done)", f"{rate:8.1f} runs/s ({seconds:.2f} s)"),
        ("anchor (upsert_runs)", f"{anchor_rate:8.1f} runs/s ({anchor_seconds:.2f} s)"),
        ("end to end / anchor", f"{ratio:.2f} (target ≥ 0.50: {'met' if ratio >= 0.5 else 'NOT met'})"),
        (
            "parsing alone, one process",
            f"{splits.parse:.2f} s ({splits.parse / activities * 1000:.1f} ms a file)",
        ),
        (
            f"bulk endpoint, {JOBS_PER_TASK} a call",
            f"{splits.post:.2f} s ({splits.post / activities * 1000:.1f} ms a run)",
        ),
        (
            "libraries' decoding alone",
            f"{splits.decode:.2f} s ({splits.decode / activities * 1000:.1f} ms a file)",
        ),
        (
            f"ceiling on {CORES} cores",
            f"{ceiling:.2f} (decoding and the bulk endpoint alone, every core busy)",
        ),
    ):
        print(f"  {name:<30} {value}")
    complete = done == activities
    write_measure(
        "file_import_ratio",
        ratio if complete else None,
        goal=0.5,
        direction="at_least",
        unit="runs/s end to end (upload to done) / runs/s bulk-inserting the same runs",
        details={
            "activities": activities,
            "runs_written": done,
            "seconds": seconds,
            "anchor_seconds": anchor_seconds,
            "parse_seconds": splits.parse,
            "bulk_endpoint_seconds": splits.post,
            "decode_seconds": splits.decode,
            "ceiling_ratio": ceiling,
        },
        reason=None if complete else f"only {done} of {activities} runs written",
    )
    return 0 if complete and ratio >= 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())
