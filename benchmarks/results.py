"""Each benchmark's measure, written where ``report.py`` collects them.

One JSON file per measure in ``benchmarks/out/``: ``value``, ``goal`` (with ``at_least`` or
``at_most``), the unit and whatever details explain the value. A benchmark that could not
measure writes ``value: null`` and the reason, so the report says "missing" and why.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def write_measure(
    name: str,
    value: float | None,
    *,
    goal: float,
    direction: str,
    unit: str = "",
    details: dict | None = None,
    reason: str | None = None,
) -> Path:
    """Write one measure; ``direction`` is ``at_least`` or ``at_most`` (how ``value`` meets ``goal``)."""
    if direction not in ("at_least", "at_most"):
        raise ValueError(f"direction must be at_least or at_most, not {direction!r}")
    OUT.mkdir(exist_ok=True)
    entry = {
        "name": name,
        "value": None if value is None else round(value, 4),
        "goal": goal,
        "direction": direction,
        "unit": unit,
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "details": details or {},
    }
    if reason:
        entry["reason"] = reason
    path = OUT / f"{name}.json"
    path.write_text(json.dumps(entry, indent=2, sort_keys=True) + "\n")
    return path


def meets(entry: dict) -> bool | None:
    if entry.get("value") is None:
        return None
    if entry["direction"] == "at_least":
        return entry["value"] >= entry["goal"]
    return entry["value"] <= entry["goal"]
