"""The data service as the workers that feed it see it (service token, audience
``runnerly-data``): the idempotent bulk upsert, deletions, and a runner's runs by day."""

from __future__ import annotations

import requests

from runnerly_core.http import ServiceClient

AUDIENCE = "runnerly-data"
BATCH = 1000  # the bulk upsert's limit
PAGE = 200  # the list's largest page
MAX_PAGES = 500  # 100,000 runs: a bound, not a limit any runner reaches


class DataServiceUnavailable(Exception):
    """The data service did not answer, or answered 5xx: worth retrying."""


class DataServiceError(Exception):
    """The data service refused the request: retrying it will not help."""


class DataService:
    def __init__(self, client: ServiceClient) -> None:
        self._client = client

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
        self._call("DELETE", f"/users/{user_id}/runs/{run_id}", missing_ok=True)

    def delete_runs_of_source(self, user_id: int, source: str) -> int:
        answer = self._call("DELETE", f"/users/{user_id}/runs", params={"source": source}, missing_ok=True)
        return answer.json()["deleted"] if answer.status_code == 200 else 0

    def _call(self, method: str, path: str, *, missing_ok: bool = False, **kwargs) -> requests.Response:
        try:
            response = self._client.request(method, path, **kwargs)
        except requests.RequestException as error:
            raise DataServiceUnavailable(f"{method} {path}: {type(error).__name__}") from error
        if response.status_code >= 500:
            raise DataServiceUnavailable(f"{method} {path}: {response.status_code}")
        if response.status_code == 404 and missing_ok:
            return response
        if response.status_code >= 400:
            raise DataServiceError(f"{method} {path}: {response.status_code} {response.text[:300]}")
        return response
