"""``make bench``'s last step: the measures the benchmarks wrote, in one report.

Reads ``benchmarks/out/<measure>.json`` (written by each benchmark through
``results.write_measure``) and writes ``benchmarks/out/report.json`` (one entry per measure
with ``value`` and ``goal``, plus the machine) and ``benchmarks/out/report.md``. A measure
no benchmark wrote is reported as missing, never left out.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from pathlib import Path

from results import OUT, meets

MEASURES = (
    "list_runs_cpu_ratio",
    "gateway_ratio",
    "strava_calls_per_backfill",
    "file_import_ratio",
    "stack_rss_mb",
    "cold_start_s",
    "dashboard_first_content_s",
    "dashboard_js_gz_kb",
)
WHERE = {
    "list_runs_cpu_ratio": "benchmarks/list_runs.py",
    "gateway_ratio": "benchmarks/gateway_overhead.py",
    "strava_calls_per_backfill": "benchmarks/strava_backfill.py",
    "file_import_ratio": "benchmarks/file_import.py",
    "stack_rss_mb": "benchmarks/stack.py",
    "cold_start_s": "benchmarks/stack.py",
    "dashboard_first_content_s": "benchmarks/dashboard.py",
    "dashboard_js_gz_kb": "benchmarks/dashboard.py",
}


def main() -> int:
    measures = {name: read_measure(name) for name in MEASURES}
    report = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": machine(),
        "measures": measures,
    }
    OUT.mkdir(exist_ok=True)
    (OUT / "report.json").write_text(json.dumps(report, indent=2, sort_keys=True) + "\n")
    (OUT / "report.md").write_text(markdown(report))
    print((OUT / "report.md").read_text())
    return 0


def read_measure(name: str) -> dict:
    path = OUT / f"{name}.json"
    if not path.exists():
        return {
            "name": name,
            "value": None,
            "goal": None,
            "met": None,
            "reason": f"missing: {WHERE[name]} wrote nothing",
        }
    entry = json.loads(path.read_text())
    return {**entry, "met": meets(entry)}


def machine() -> dict:
    return {
        "cores": os.cpu_count(),
        "cpu_model": cpu_model(),
        "load_average": [round(value, 2) for value in os.getloadavg()],
        "python": platform.python_version(),
        "kernel": platform.release(),
    }


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass  # not Linux
    return platform.processor() or "unknown"


def markdown(report: dict) -> str:
    box = report["machine"]
    lines = [
        f"# Benchmarks, {report['generated_at']}",
        "",
        f"Machine: {box['cores']} cores, {box['cpu_model']}, load average"
        f" {' / '.join(str(value) for value in box['load_average'])} (1 / 5 / 15 min)"
        " when the report was written.",
        "",
        "| measure | value | goal | met | measured at |",
        "|---|---|---|---|---|",
    ]
    for name, entry in report["measures"].items():
        lines.append(row(name, entry))
    notes = [
        f"- `{name}`: {entry['reason']}" for name, entry in report["measures"].items() if entry.get("reason")
    ]
    return "\n".join([*lines, *([""] if notes else []), *notes]) + "\n"


def row(name: str, entry: dict) -> str:
    if entry.get("value") is None:
        return f"| `{name}` | missing | {goal_text(entry)} | - | {entry.get('measured_at', '-')} |"
    met = "yes" if entry["met"] else "**no**"
    return f"| `{name}` | {entry['value']:g} | {goal_text(entry)} | {met} | {entry['measured_at']} |"


def goal_text(entry: dict) -> str:
    if entry.get("goal") is None:
        return "-"
    return f"{'≥' if entry['direction'] == 'at_least' else '≤'} {entry['goal']:g}"


if __name__ == "__main__":
    sys.exit(main())
