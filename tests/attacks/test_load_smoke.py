"""API4:2023 under load: the Locust scenario's smoke run (loadtest/) against the same suite.

A few hundred requests from runners browsing the dashboard, API clients listing and writing
runs, Strava's webhooks and GPX uploads, for 30 seconds: no answer may be a 5xx, nor any
other failure. The latency percentiles are printed and written to loadtest/out/summary.json.
"""

from __future__ import annotations

import json
import sys

from .stack import ROOT, RUNNING

sys.path.insert(0, str(ROOT))

from loadtest import run as load

MIN_REQUESTS = 300


def test_a_load_smoke_makes_hundreds_of_requests_without_a_server_error(stack, monkeypatch, capsys):
    monkeypatch.setenv(RUNNING, str(stack.run_dir))
    code = load.main(["--profile", "smoke", "--min-requests", str(MIN_REQUESTS)])
    summary = json.loads((load.OUT / "summary.json").read_text())
    with capsys.disabled():
        print(f"\nload smoke: {summary}")
    assert summary["server_errors"] == 0, summary["failed"]
    assert summary["failures"] == 0, summary["failed"]
    assert summary["requests"] >= MIN_REQUESTS
    assert code == 0
