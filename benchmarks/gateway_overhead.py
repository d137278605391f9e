"""``make bench``: the gateway's overhead on "list 50 runs", through the gateway against
straight to the data service, side by side in the same run.

One data service (gunicorn, two uvicorn workers) is loaded in turns directly and through
the gateway (nginx with the configuration `make run` and compose use: ModSecurity with the
OWASP CRS, the JSON access log, limits), with the harness of ``list_runs.py``. The gateway's
rate limits are lifted for the bench, whose load comes from one address; everything else is
as deployed. The ratio is the median of same-round ratios of requests/s.

The request is a plain read (runnerly-gateway/conf/http/inspection.conf), which the
gateway sends on without the WAF reading it, as it would a client's.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import fixtures
import list_runs
import load
import requests
import servers
from results import write_measure

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "runnerly-gateway"))
import render

from runnerly_core.testing import TestIssuer
from runnerly_data.settings import SERVICE

GOAL = 0.9  # the gateway keeps at least 90 % of the service's throughput
UNLIMITED = {"RATE_ADDRESS": "100000r/s", "BURST_ADDRESS": "100000", "RATE_SUBJECT": "100000r/s"}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=6, help="A/B rounds (even: each leads as often)")
    parser.add_argument("--seconds", type=float, default=7, help="timed load per target and round")
    parser.add_argument("--warmup", type=float, default=2, help="untimed load before each timed one")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections")
    parser.add_argument("--waf", choices=["on", "off"], default="on", help="ModSecurity + CRS in the gateway")
    parser.add_argument(
        "--inspected",
        action="store_true",
        help="send a Referer, so the WAF reads the list request (what it costs on the requests it reads);"
        " the measure is then not written",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind: stop servers, drop data
    reason = render.unavailable_reason()
    if reason:
        print(f"Gateway overhead not measured: {reason}")
        write_measure("gateway_ratio", None, goal=GOAL, direction="at_least", reason=reason)
        return 0
    issuer = TestIssuer()
    with ExitStack() as stack:
        url = stack.enter_context(fixtures.migrated_database(os.environ.get("RUNNERLY_BENCH_DATABASE_URL")))
        user_id = fixtures.seed_runner(url, list_runs.RUNS)
        jwks_url = stack.enter_context(fixtures.jwks_server(issuer))
        token = fixtures.user_token(issuer, user_id, SERVICE, "runs:read", list_runs.TOKEN_TTL)
        # Uncompressed both ways: the same bytes, the same ETag (gzip would make it weak).
        headers = {"Authorization": f"Bearer {token}", "Accept-Encoding": "identity"}
        if options.inspected:  # not a plain read any more (runnerly-gateway/conf/http/inspection.conf)
            headers["Referer"] = "https://runnerly.test/runs"
        env = list_runs.service_environment(url, jwks_url, issuer.issuer)
        path = f"/users/{user_id}/runs?per_page={list_runs.PER_PAGE}"
        direct = stack.enter_context(
            servers.serving(servers.data_service(list_runs.WORKERS), env, path, headers)
        )
        gateway = stack.enter_context(gatewayed(direct, path, headers, options.waf))
        targets = [gateway, direct]
        list_runs.check_same_answers(targets, headers)
        read = "read by the WAF" if options.inspected else "a plain read"
        print(f"Gateway overhead, load from {load.generator_name()} (WAF {options.waf}, {read}):")
        results = list_runs.measure(targets, headers, options)
    return report(targets, results, options)


@contextmanager
def gatewayed(service: servers.Target, path: str, headers: dict, waf: str) -> Iterator[servers.Target]:
    """nginx with the gateway's configuration in front of ``service``, until the block ends."""
    address = service.url.split("/")[2]
    with tempfile.TemporaryDirectory(prefix="runnerly-bench-gateway-") as directory:
        out = Path(directory)
        out.chmod(0o755)  # nginx's workers drop root
        port = free_port()
        settings = render.settings_from(
            {
                **{f"{render.PREFIX}{name}": value for name, value in UNLIMITED.items()},
                f"{render.PREFIX}DATA_UPSTREAM": address,
                f"{render.PREFIX}LISTEN": f"127.0.0.1:{port}",
                f"{render.PREFIX}ACCESS_LOG": str(out / "access.log"),
                f"{render.PREFIX}ERROR_LOG": str(out / "error.log"),
                f"{render.PREFIX}WAF": waf,
            }
        )
        render.render(out, settings)
        process = subprocess.Popen(render.nginx_command(out, "-g", "daemon off;"))  # noqa: S603
        try:
            url = f"http://127.0.0.1:{port}/api/data{path}"
            _wait_until_ready(process, url, headers)
            yield servers.Target("through the gateway", f"nginx, WAF {waf}", (), url, process.pid)
        finally:
            process.terminate()
            process.wait(timeout=15)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_ready(process: subprocess.Popen, url: str, headers: dict) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited with {process.returncode}")
        try:
            if requests.get(url, headers=headers, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass  # not listening yet
        time.sleep(0.1)
    raise RuntimeError(f"{url} not ready")


def report(targets: list[servers.Target], results: dict, options: argparse.Namespace) -> int:
    through, direct = (results[target.name] for target in targets)
    print(
        f"\nGET /users/{{id}}/runs?per_page={list_runs.PER_PAGE}, {options.connections} connections,"
        f" {options.rounds} rounds x {options.seconds:g} s: medians"
        "\n(CPU ms/req: the gateway row counts nginx alone, the ratio row nginx's CPU per the service's)"
    )
    print(f"{'':<22} {'':<30} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms/req':>8}")
    for target, rounds in zip(targets, (through, direct), strict=True):
        print(f"{target.name:<22} {target.worker:<30} {list_runs.figures(list_runs.median(rounds))}")
    ratio = list_runs.paired_ratios(through, direct)
    verdict = "meets" if ratio.requests_per_s >= GOAL else "misses"
    print(f"{'gateway / direct':<22} {'(same-round pairs)':<30} {list_runs.figures(ratio, digits=2)}")
    print(
        f"Conclusion: through the gateway the data service serves {ratio.requests_per_s:.2f}x its direct"
        f" requests/s ({verdict} the {GOAL:.2f} goal) at {ratio.p99_ms:.2f}x its p99 latency"
        + (
            f"; on CPU shared with the service, nginx's CPU predicts {1 / (1 + ratio.cpu_ms):.2f}x."
            if ratio.cpu_ms
            else "."
        )
    )
    failed = list_runs.failures(list_runs.median(through), list_runs.median(direct))
    if not options.inspected:  # the measure is the request as clients send it
        write_gateway_ratio(ratio, options, failed)
    return failed


def write_gateway_ratio(ratio, options: argparse.Namespace, failed: int) -> None:
    """The value is the CPU-predicted ratio (1 / (1 + nginx CPU / service CPU)): requests/s
    move by tens of percent between rounds on a shared machine, CPU per request does not."""
    write_measure(
        "gateway_ratio",
        1 / (1 + ratio.cpu_ms) if ratio.cpu_ms and not failed else None,
        goal=GOAL,
        direction="at_least",
        unit="predicted through / direct requests/s (from CPU per request)",
        details={
            "waf": options.waf,
            "rounds": options.rounds,
            "requests_per_s_ratio": ratio.requests_per_s,
            "p99_ratio": ratio.p99_ms,
            "nginx_cpu_per_service_cpu": ratio.cpu_ms,
        },
        reason="requests failed: the figures are not valid" if failed else None,
    )


if __name__ == "__main__":
    sys.exit(main())
