"""``make bench``: list 50 runs of one runner, the data service against a plain-Flask anchor.

Both apps run under gunicorn with two workers on the same database, verify the same kind of
token against the same JWKS (fetched over HTTP, as from the token dealer) and answer the
same bytes, which is checked before anything is timed. They are loaded in turns (A then B,
B then A, ...) so that both see the same machine noise; each app's figures are the medians
of its rounds, and the data service's ratios to the anchor the medians of same-round ratios.

The database is a temporary SQLite file, or PostgreSQL when ``RUNNERLY_BENCH_DATABASE_URL``
is set (its database is created and dropped by the bench).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import signal
import statistics
import sys
import warnings
from contextlib import ExitStack

import requests

# Connexion, imported through runnerly_data, warns about httpx on import; nothing to act on.
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")

import fixtures  # noqa: E402 — after the filter above
import load  # noqa: E402
import servers  # noqa: E402
from results import write_measure  # noqa: E402

from runnerly_core.testing import TestIssuer  # noqa: E402
from runnerly_data.settings import SERVICE  # noqa: E402

GOAL = 0.85  # the project's target: the data service at >= 85 % of the anchor's throughput
RUNS = 500
PER_PAGE = 50
WORKERS = 2  # one per core on the 2-core machine the figures come from
TOKEN_TTL = 3600  # outlives the whole bench


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # Many short rounds cancel a shared machine's noise better than a few long ones.
    parser.add_argument("--rounds", type=int, default=6, help="A/B rounds (even: each app leads as often)")
    parser.add_argument("--seconds", type=float, default=7, help="timed load per app and round")
    parser.add_argument("--warmup", type=float, default=2, help="untimed load before each timed one")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections")
    # One thread: this handler is CPU-bound, so more threads only add GIL contention (README).
    parser.add_argument("--anchor-threads", type=int, default=1, help="gthread threads per worker")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    # A terminated bench must still stop its servers and drop its database: turn SIGTERM
    # into an exception that unwinds the ExitStack below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    postgres_url = os.environ.get("RUNNERLY_BENCH_DATABASE_URL")
    database = "PostgreSQL" if postgres_url else "SQLite"
    print(f"Preparing {database} with one runner and {RUNS} runs; load generator: {load.generator_name()}")
    if load.generator_name() != "wrk":
        print("  wrk is not installed (apt-get install -y wrk): the Python client shares the cores.")
    issuer = TestIssuer()
    with ExitStack() as stack:
        url = stack.enter_context(fixtures.migrated_database(postgres_url))
        user_id = fixtures.seed_runner(url, RUNS)
        jwks_url = stack.enter_context(fixtures.jwks_server(issuer))
        token = fixtures.user_token(issuer, user_id, SERVICE, "runs:read", TOKEN_TTL)
        headers = {"Authorization": f"Bearer {token}"}
        env = service_environment(url, jwks_url, issuer.issuer)
        path = f"/users/{user_id}/runs?per_page={PER_PAGE}"
        targets = [
            stack.enter_context(servers.serving(target, env, path, headers))
            for target in (servers.data_service(WORKERS), servers.anchor(WORKERS, options.anchor_threads))
        ]
        size = check_same_answers(targets, headers)
        print(f"Both apps answer the same {size:,} bytes and ETag, and 304 to it. Measuring:")
        print(f"  {'':<12} {'':<22} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms/req':>8}")
        results = measure(targets, headers, options)
    return report(targets, results, options, database)


def service_environment(database_url: str, jwks_url: str, issuer: str) -> dict[str, str]:
    """The settings both apps read (``DataSettings``), as a deployment would set them."""
    return {
        **os.environ,
        "RUNNERLY_DATA_ENVIRONMENT": "production",
        "RUNNERLY_DATA_DATABASE_URL": database_url,
        "RUNNERLY_DATA_JWKS_URL": jwks_url,
        "RUNNERLY_DATA_TOKEN_ISSUER": issuer,
        "RUNNERLY_DATA_LOG_LEVEL": "WARNING",
    }


def check_same_answers(targets: list[servers.Target], headers: dict[str, str]) -> int:
    """Timing two apps that do different work would be meaningless: same status, bytes and
    ETag, and a full page, or the bench stops here."""
    answers = [requests.get(target.url, headers=headers, timeout=10) for target in targets]
    first = answers[0]
    for target, answer in zip(targets, answers, strict=True):
        if answer.status_code != 200:
            raise SystemExit(f"{target.name} answered {answer.status_code}: {answer.text[:500]}")
        if (answer.content, answer.headers.get("ETag")) != (first.content, first.headers.get("ETag")):
            raise SystemExit(f"{target.name} and {targets[0].name} answer differently; not measuring.")
        revalidated = {**headers, "If-None-Match": first.headers["ETag"]}
        if requests.get(target.url, headers=revalidated, timeout=10).status_code != 304:
            raise SystemExit(f"{target.name} does not answer 304 to its own ETag; not measuring.")
    if len(first.json()["items"]) != PER_PAGE:
        raise SystemExit(f"expected a page of {PER_PAGE} runs, got {len(first.json()['items'])}")
    return len(first.content)


def measure(
    targets: list[servers.Target], headers: dict, options: argparse.Namespace
) -> dict[str, list[load.Result]]:
    results: dict[str, list[load.Result]] = {target.name: [] for target in targets}
    for number in range(options.rounds):
        # Alternate who goes first, so that neither app always follows the other's load.
        for target in targets if number % 2 == 0 else targets[::-1]:
            load.run(target.url, headers, options.connections, options.warmup)
            result = timed_load(target, headers, options)
            results[target.name].append(result)
            print(f"  round {number + 1}/{options.rounds:<4} {target.name:<22} {figures(result)}")
    return results


def timed_load(target: servers.Target, headers: dict, options: argparse.Namespace) -> load.Result:
    before = servers.cpu_seconds(target)
    result = load.run(target.url, headers, options.connections, options.seconds)
    after = servers.cpu_seconds(target)
    if before is None or after is None or not result.requests:
        return result
    return dataclasses.replace(result, cpu_ms=(after - before) * 1000 / result.requests)


def figures(result: load.Result, digits: int = 1) -> str:
    cpu = f"{result.cpu_ms:8.2f}" if result.cpu_ms is not None else f"{'n/a':>8}"
    return (
        f"{result.requests_per_s:8.{digits}f} {result.p50_ms:8.{digits}f} {result.p99_ms:8.{digits}f} {cpu}"
    )


def median(results: list[load.Result]) -> load.Result:
    """Each figure's median over the rounds (not the round with the median throughput)."""
    cpu = [r.cpu_ms for r in results if r.cpu_ms is not None]
    return load.Result(
        statistics.median(r.requests_per_s for r in results),
        statistics.median(r.p50_ms for r in results),
        statistics.median(r.p99_ms for r in results),
        sum(r.requests for r in results),
        sum(r.failures for r in results),
        statistics.median(cpu) if cpu else None,
    )


def report(targets: list[servers.Target], results: dict, options: argparse.Namespace, database: str) -> int:
    data, anchor = (results[target.name] for target in targets)
    print(
        f"\nGET /users/{{id}}/runs?per_page={PER_PAGE} ({RUNS} runs stored, {database}),"
        f" gunicorn -w {WORKERS}, {options.connections} connections from {load.generator_name()},"
        f" {options.rounds} rounds x {options.seconds:g} s: medians"
    )
    print(f"{'':<22} {'worker':<30} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms/req':>8}")
    for target, rounds in zip(targets, (data, anchor), strict=True):
        print(f"{target.name:<22} {target.worker:<30} {figures(median(rounds))}")
    ratio = paired_ratios(data, anchor)
    print(f"{'data service / anchor':<22} {'(same-round pairs)':<30} {figures(ratio, digits=2)}")
    print(conclusion(ratio))
    failed = failures(median(data), median(anchor))
    write_measure(
        "list_runs_cpu_ratio",
        1 / ratio.cpu_ms if ratio.cpu_ms and not failed else None,
        goal=GOAL,
        direction="at_least",
        unit="anchor CPU per request / service CPU per request",
        details={
            "database": database,
            "rounds": options.rounds,
            "seconds": options.seconds,
            "requests_per_s_ratio": ratio.requests_per_s,
            "p99_ratio": ratio.p99_ms,
            "service_cpu_ms_per_request": median(data).cpu_ms,
            "anchor_cpu_ms_per_request": median(anchor).cpu_ms,
            "anchor_threads": options.anchor_threads,
        },
        reason="requests failed: the figures are not valid" if failed else None,
    )
    return failed


def paired_ratios(data: list[load.Result], anchor: list[load.Result]) -> load.Result:
    """The median of each round's ratio: the two apps of a round ran back to back, under
    about the same noise, so their ratio is steadier than a ratio of medians."""

    def ratio(figure: str) -> float | None:
        pairs = [(getattr(d, figure), getattr(a, figure)) for d, a in zip(data, anchor, strict=True)]
        values = [d / a for d, a in pairs if d is not None and a]
        return statistics.median(values) if values else None

    return load.Result(ratio("requests_per_s"), ratio("p50_ms"), ratio("p99_ms"), 0, 0, ratio("cpu_ms"))


def conclusion(ratio: load.Result) -> str:
    verdict = "meets" if ratio.requests_per_s >= GOAL else "misses"
    line = (
        f"Conclusion: the data service serves {ratio.requests_per_s:.2f}x the anchor's requests/s"
        f" ({verdict} the {GOAL:.2f} goal) at {ratio.p99_ms:.2f}x its p99 latency"
    )
    if ratio.cpu_ms:
        # Saturated servers serve in inverse proportion to their CPU per request, which
        # neighbours on a shared machine disturb far less than they disturb throughput.
        line += f"; its CPU per request alone predicts {1 / ratio.cpu_ms:.2f}x"
    return line + "."


def failures(*results: load.Result) -> int:
    failed = sum(result.failures for result in results)
    if failed:
        print(f"FAILED: {failed} requests got errors or no answer; the figures above are not valid.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
