"""Plausible run payloads for the tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def run_payload(
    index: int = 0,
    *,
    start: datetime | None = None,
    km: float = 10.0,
    pace_s: float = 300.0,
    source: str = "strava",
    **fields,
) -> dict:
    start = start or datetime(2026, 3, 1, 7, 30, tzinfo=UTC) + timedelta(days=index)
    distance = km * 1000
    moving = round(km * pace_s)
    body = {
        "source": source,
        "source_id": f"{1_000_000 + index}",
        "name": f"Morning run {index}",
        "start_time": start.isoformat().replace("+00:00", "Z"),
        "timezone": "Europe/London",
        "distance_m": distance,
        "moving_time_s": moving,
        "elapsed_time_s": moving + 60,
        "average_heartrate": 150.0,
        "max_heartrate": 172.0,
        "splits": splits(km, pace_s),
    }
    return {**body, **fields}


def manual_payload(**fields) -> dict:
    body = run_payload(**fields)
    for key in ("source", "source_id"):
        body.pop(key)
    return body


def splits(km: float, pace_s: float, fast_km: dict[int, float] | None = None) -> list[dict]:
    fast_km = fast_km or {}
    rows, whole = [], int(km)
    for number in range(1, whole + 1):
        seconds = fast_km.get(number, pace_s)
        rows.append(
            {
                "split": number,
                "distance_m": 1000.0,
                "moving_time_s": round(seconds),
                "elapsed_time_s": round(seconds),
                "average_speed_mps": round(1000 / seconds, 3),
            }
        )
    rest = round((km - whole) * 1000, 1)
    if rest > 0:
        seconds = round(rest / 1000 * pace_s)
        rows.append(
            {
                "split": whole + 1,
                "distance_m": rest,
                "moving_time_s": seconds,
                "elapsed_time_s": seconds,
                "average_speed_mps": round(1000 / pace_s, 3),
            }
        )
    return rows
