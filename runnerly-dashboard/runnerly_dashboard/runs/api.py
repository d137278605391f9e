"""Handlers of runs and statistics: the data service's, for the session's runner."""

from __future__ import annotations

from flask import request

from runnerly_core.problems import conflict
from runnerly_core.responses import no_content, ok
from runnerly_dashboard.extensions import upstream
from runnerly_dashboard.runs.filters import filtered_page, needs_local_filter
from runnerly_dashboard.upstream import DATA, Calls

MAX_FILTERED_RUNS = 2000
DATA_FILTERS = {
    "from_": "from",
    "to": "to",
    "year": "year",
    "month": "month",
    "source": "source",
    "sort": "sort",
}


def data(token_info: dict) -> Calls:
    return upstream.user(token_info["user_id"], DATA)


def path(token_info: dict, suffix: str) -> str:
    return f"/users/{token_info['user_id']}{suffix}"


def list_runs(token_info: dict, page: int = 1, per_page: int = 50, **filters):
    params = {
        DATA_FILTERS[name]: value
        for name, value in filters.items()
        if name in DATA_FILTERS and value is not None
    }
    calls, runs = data(token_info), path(token_info, "/runs")
    if not needs_local_filter(filters):
        return ok(calls.get(runs, params={**params, "page": page, "per_page": per_page}))
    return ok(filtered_page(calls, runs, params, filters, page, per_page, MAX_FILTERED_RUNS))


def create_run(body: dict, token_info: dict):
    return ok(data(token_info).json("POST", path(token_info, "/runs"), json=body), 201)


def get_run(run_id: int, token_info: dict):
    return _with_etag(data(token_info).send("GET", path(token_info, f"/runs/{run_id}")))


def update_run(run_id: int, body: dict, token_info: dict):
    # Connexion does not pass header parameters to handlers.
    if_match = request.headers.get("If-Match")
    headers = {"If-Match": if_match} if if_match else {}
    return _with_etag(
        data(token_info).send("PATCH", path(token_info, f"/runs/{run_id}"), json=body, headers=headers)
    )


def delete_run(run_id: int, token_info: dict):
    calls, run_path = data(token_info), path(token_info, f"/runs/{run_id}")
    source = calls.get(run_path)["source"]
    if source != "manual":
        raise conflict(
            f"This run comes from {source}: it goes when it is deleted there (or Strava is unlinked)."
        )
    calls.send("DELETE", run_path)
    return no_content()


def totals(period: str, token_info: dict, from_: str | None = None, to: str | None = None):
    params = {key: value for key, value in (("from", from_), ("to", to)) if value}
    return ok(data(token_info).get(path(token_info, f"/stats/{period}"), params=params))


def records(token_info: dict):
    return ok(data(token_info).get(path(token_info, "/records")))


def _with_etag(response):
    return ok(response.json(), 200, {"ETag": response.headers.get("ETag", "")})


def best_efforts(token_info: dict, from_: str | None = None):
    params = {"from": from_} if from_ else {}
    return ok(data(token_info).get(path(token_info, "/best-efforts"), params=params))


def routes(token_info: dict):
    return ok(data(token_info).get(path(token_info, "/routes")))
