"""Run the Locust scenario (loadtest/locustfile.py) headless against the suite's gateway.

``make load`` runs the full scenario; ``make test-load`` (CI) the smoke: a shorter run
that must make at least ``--min-requests`` requests with no 5xx answer and no other failure.
Either prints the request count, failures and latency percentiles (p50, p95, p99) and
writes them to ``loadtest/out/summary.json``, next to Locust's CSV files.

The suite is started as ``make run`` starts it, under the make-run lock and with its state in
a directory of its own (tests/attacks/stack.py); ``RUNNERLY_ATTACKS_RUN_DIR`` names a suite
already running instead. Every request goes to this machine's loopback address, and the run
stops by itself after ``--run-time``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "loadtest" / "out"
sys.path.insert(0, str(ROOT))

from tests.attacks.stack import BIN, RUNNING, Stack, running_stack  # noqa: E402 — after the path

PROFILES = {  # users, spawn rate, run time
    "smoke": ("12", "6", "30s"),
    "full": ("40", "4", "3m"),
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", choices=sorted(PROFILES), default="full")
    parser.add_argument("--min-requests", type=int, default=0, help="fail below this many requests")
    return parser.parse_args(argv)


@contextmanager
def suite():
    if os.environ.get(RUNNING):
        yield Stack(Path(os.environ[RUNNING]))
        return
    with (
        tempfile.TemporaryDirectory(prefix="runnerly-load-") as run_dir,
        running_stack(Path(run_dir)) as stack,
    ):
        yield stack


def context(stack: Stack) -> dict:
    """What the virtual users need, made once before the run."""
    api_user = stack.new_runner(f"load-{os.getpid()}@example.org")
    secrets_file = stack.run_dir / "strava-dev-secrets.json"
    path_secret = json.loads(secrets_file.read_text())["webhook_path_secret"]
    admin = {"Authorization": f"Bearer {stack.sandbox_admin_token}"}
    subscriptions = requests.get("http://127.0.0.1:5090/_sandbox/webhooks", headers=admin, timeout=10).json()
    return {
        "runner_emails": ["demo@runnerly.local", "strava-demo@runnerly.local"],
        "password": stack.demo_password,
        "api_user": api_user,
        "data_token": stack.token("runnerly-data", "runs:read runs:write"),
        "import_token": stack.token("runnerly-import", "imports:read imports:write"),
        "webhook_path": f"/api/strava/webhook/{path_secret}",
        "subscription_id": subscriptions["subscriptions"][0]["id"],
    }


def run_locust(stack: Stack, profile: str, context_file: Path) -> None:
    users, rate, run_time = PROFILES[profile]
    argv = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "loadtest" / "locustfile.py"),
        "--headless",
        "--host",
        stack.gateway,
        "--users",
        users,
        "--spawn-rate",
        rate,
        "--run-time",
        run_time,
        "--stop-timeout",
        "10",
        "--csv",
        str(OUT / profile),
        "--only-summary",
        "--exit-code-on-error",
        "0",  # judged below, from the CSV files
    ]
    env = {**os.environ, "RUNNERLY_LOAD_CONTEXT": str(context_file)}
    subprocess.run(argv, env=env, check=True, timeout=900)  # noqa: S603 — fixed argv


def summary(profile: str) -> dict:
    with (OUT / f"{profile}_stats.csv").open() as stats:
        total = next(row for row in csv.DictReader(stats) if row["Name"] == "Aggregated")
    with (OUT / f"{profile}_failures.csv").open() as failures:
        rows = list(csv.DictReader(failures))
    server_errors = sum(int(r["Occurrences"]) for r in rows if "5xx:" in r["Error"])
    return {
        "profile": profile,
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "server_errors": server_errors,
        "requests_per_s": round(float(total["Requests/s"]), 1),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "p99_ms": float(total["99%"]),
        "failed": [f"{r['Method']} {r['Name']}: {r['Error']} x{r['Occurrences']}" for r in rows],
    }


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    if threading.current_thread() is threading.main_thread() and argv is None:
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the suite in `finally`
    OUT.mkdir(parents=True, exist_ok=True)
    with suite() as stack:
        context_file = OUT / "context.json"
        context_file.write_text(json.dumps(context(stack)))
        context_file.chmod(0o600)  # tokens
        try:
            run_locust(stack, options.profile, context_file)
        finally:
            context_file.unlink()
    result = summary(options.profile)
    (OUT / "summary.json").write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"load ({options.profile}): {result['requests']} requests, {result['failures']} failures "
        f"({result['server_errors']} 5xx), {result['requests_per_s']} req/s, "
        f"p50 {result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms, p99 {result['p99_ms']:.0f} ms"
    )
    for line in result["failed"]:
        print(f"  failed: {line}")
    ok = result["failures"] == 0 and result["requests"] >= options.min_requests
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
