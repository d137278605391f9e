"""Filters the data service does not have (distance, words in the name), applied here to
the runs its own filters match, then paginated."""

from __future__ import annotations

from runnerly_dashboard.upstream import Calls

PAGE = 200  # the data service's largest page


def needs_local_filter(filters: dict) -> bool:
    return any(filters.get(name) is not None for name in ("min_distance_m", "max_distance_m", "q"))


def filtered_page(
    calls: Calls, path: str, params: dict, filters: dict, page: int, per_page: int, limit: int
) -> dict:
    matching = [run for run in _scan(calls, path, params, limit) if _matches(run, filters)]
    start = (page - 1) * per_page
    return {
        "items": matching[start : start + per_page],
        "total": len(matching),
        "page": page,
        "per_page": per_page,
    }


def _scan(calls: Calls, path: str, params: dict, limit: int) -> list[dict]:
    runs: list[dict] = []
    page = 1
    while len(runs) < limit:
        body = calls.get(path, params={**params, "page": page, "per_page": PAGE})
        runs += body["items"]
        if not body["items"] or page * PAGE >= body["total"]:
            break
        page += 1
    return runs[:limit]


def _matches(run: dict, filters: dict) -> bool:
    low, high, words = filters.get("min_distance_m"), filters.get("max_distance_m"), filters.get("q")
    if low is not None and run["distance_m"] < low:
        return False
    if high is not None and run["distance_m"] > high:
        return False
    return not words or all(word in run["name"].lower() for word in words.lower().split())
