"""The data service as the services that feed it see it (service token, audience
``runnerly-data``): the idempotent bulk upsert, deletions, and a runner's runs by day.

Failures are :mod:`runnerly_core.upstream`'s, as for every call to another service:
``UpstreamUnavailable`` (no answer, 5xx, 429, or the token dealer away) is worth retrying;
``UpstreamRefused`` and ``UpstreamNotFound`` are not.
"""

from __future__ import annotations

import requests

from runnerly_core.http import ClientCredentials, ServiceClient
from runnerly_core.upstream import UpstreamNotFound, UpstreamRefused, UpstreamUnavailable, call

NAME = "the data service"
AUDIENCE = "runnerly-data"
BATCH = 1000  # the bulk upsert's limit
PAGE = 200  # the list's largest page
MAX_PAGES = 500  # 100,000 runs: a bound, not a limit any runner reaches

# The same errors under the names the import workers catch them by: worth retrying, or not.
DataServiceUnavailable = UpstreamUnavailable
DataServiceError = (UpstreamRefused, UpstreamNotFound)


class DataService:
    def __init__(self, client: ServiceClient) -> None:
        self._client = client

    @classmethod
    def of(cls, settings, scope: str) -> DataService:
        """The client of a service whose settings name the data service (``data_url``) and
        its own credentials (a ``ClientSettings``), with tokens for ``scope``."""
        return cls(ServiceClient(settings.data_url, AUDIENCE, scope, ClientCredentials.of(settings)))

    def upsert_runs(self, user_id: int, runs: list[dict]) -> list[dict]:
        """Each run's outcome (``id``, ``source_id``, ``outcome``), in input order."""
        outcomes = []
        for first in range(0, len(runs), BATCH):
            batch = runs[first : first + BATCH]
            answer = self._call("POST", f"/users/{user_id}/runs/bulk", json={"runs": batch})
            outcomes.extend(answer.json()["runs"])
        return outcomes

    def runs_between(self, user_id: int, first_day: str, last_day: str) -> list[dict]:
        """The runner's runs that started (local time) from ``first_day`` to ``last_day``,
        every page of them."""
        runs: list[dict] = []
        for page in range(1, MAX_PAGES + 1):
            params = {"from": first_day, "to": last_day, "per_page": PAGE, "sort": "start_time", "page": page}
            answer = self._call("GET", f"/users/{user_id}/runs", params=params).json()
            runs += answer["items"]
            if len(answer["items"]) < PAGE or len(runs) >= answer["total"]:
                break
        return runs

    def delete_run(self, user_id: int, run_id: int) -> None:
        """Gone already is as good as deleted."""
        self._call("DELETE", f"/users/{user_id}/runs/{run_id}", missing_ok=True)

    def delete_runs_of_source(self, user_id: int, source: str) -> int:
        """How many of the runner's runs from ``source`` were deleted (0: no such runner)."""
        answer = self._call("DELETE", f"/users/{user_id}/runs", params={"source": source}, missing_ok=True)
        return answer.json()["deleted"] if answer is not None else 0

    def _call(
        self, method: str, path: str, *, missing_ok: bool = False, **kwargs
    ) -> requests.Response | None:
        """The answer; None for a 404 when ``missing_ok``."""
        try:
            return call(self._client, method, path, name=NAME, **kwargs)
        except UpstreamNotFound:
            if missing_ok:
                return None
            raise
