"""The data service, seen from the training service: runners, runs, races and plans.

Every call carries this service's own client-credentials token (audience
``runnerly-data``); the handlers have already checked that the caller may reach the
runner. The data service's failures become problems a client can act on
(:mod:`runnerly_core.upstream`): a missing runner is a 404, a data service that does not
answer is a 503, and a data service that refuses this service's requests (credentials,
scopes, a body it rejects) is a 502. Turning its runs into the model's records is
:mod:`runnerly_training.records`' work.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextvars import copy_context
from datetime import date

from runnerly_core.http import ClientCredentials, ServiceClient
from runnerly_core.upstream import UpstreamNotFound, call, json_of
from runnerly_training.records import Json
from runnerly_training.settings import TrainingSettings

NAME = "the data service"
AUDIENCE = "runnerly-data"
SCOPE = "users:read runs:read races:read plans:read plans:write"
PAGE_SIZE = 200  # the data service's largest page
DETAIL_FETCHERS = 8  # parallel run-detail requests, below the data service's 10 threads


class DataSource:
    """Extension: ``data_service.init_app(settings)``, then the methods below."""

    def __init__(self) -> None:
        self._client: ServiceClient | None = None

    def init_app(self, settings: TrainingSettings) -> None:
        credentials = ClientCredentials.of(settings)
        self._client = ServiceClient(settings.data_url, AUDIENCE, SCOPE, credentials)

    def user(self, user_id: int) -> Json:
        return self._json("GET", f"/users/{user_id}", missing=f"There is no user {user_id}.")

    def runs(self, user_id: int, first_day: date, last_day: date) -> list[Json]:
        """Every run whose local start day is in the range, oldest first, page by page."""
        runs: list[Json] = []
        page = 1
        while True:
            body = self._json(
                "GET",
                f"/users/{user_id}/runs",
                missing=f"There is no user {user_id}.",
                params=_run_filter(first_day, last_day, page),
            )
            runs += body["items"]
            if not body["items"] or page * PAGE_SIZE >= body["total"]:
                return runs
            page += 1

    def run_details(self, user_id: int, run_ids: list[int]) -> dict[int, Json]:
        """The runs with their splits; a run deleted meanwhile is left out."""
        with ThreadPoolExecutor(DETAIL_FETCHERS) as pool:
            # Each task runs in a copy of this context, so the request id travels along.
            futures = [pool.submit(copy_context().run, self._run_detail, user_id, i) for i in run_ids]
            details = [future.result() for future in futures]
        return {detail["id"]: detail for detail in details if detail is not None}

    def race(self, race_id: int) -> Json | None:
        try:
            return self._json("GET", f"/races/{race_id}", missing="")
        except UpstreamNotFound:
            return None

    def create_plan(self, user_id: int, plan: Json) -> Json:
        return self._json(
            "POST", f"/users/{user_id}/plans", missing=f"There is no user {user_id}.", json=plan
        )

    def plan(self, user_id: int, plan_id: int) -> Json:
        return self._json(
            "GET", f"/users/{user_id}/plans/{plan_id}", missing=f"User {user_id} has no plan {plan_id}."
        )

    def _run_detail(self, user_id: int, run_id: int) -> Json | None:
        try:
            return self._json("GET", f"/users/{user_id}/runs/{run_id}", missing="")
        except UpstreamNotFound:
            return None

    def _json(self, method: str, path: str, *, missing: str, **kwargs) -> Json:
        if self._client is None:
            raise RuntimeError("DataSource.init_app was not called")
        response = call(self._client, method, path, name=NAME, missing=missing, **kwargs)
        return json_of(response, NAME)


def _run_filter(first_day: date, last_day: date, page: int) -> dict:
    return {
        "from": first_day.isoformat(),
        "to": last_day.isoformat(),
        "sort": "start_time",
        "per_page": PAGE_SIZE,
        "page": page,
    }
