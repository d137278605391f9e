"""The data service, as the sync writes to it (service token, audience runnerly-data)."""

from __future__ import annotations

import requests

from runnerly_core.http import ServiceClient
from runnerly_core.upstream import UpstreamNotFound, call

NAME = "the data service"
AUDIENCE = "runnerly-data"
SCOPE = "runs:read runs:write users:read"
BATCH = 1000  # the bulk upsert's limit


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

    def delete_run(self, user_id: int, run_id: int) -> None:
        self._call("DELETE", f"/users/{user_id}/runs/{run_id}", missing_ok=True)

    def delete_strava_runs(self, user_id: int) -> int:
        answer = self._call("DELETE", f"/users/{user_id}/runs", params={"source": "strava"}, missing_ok=True)
        return answer.json()["deleted"] if answer is not None else 0

    def _call(
        self, method: str, path: str, *, missing_ok: bool = False, **kwargs
    ) -> requests.Response | None:
        """The answer; None for a 404 when ``missing_ok``. Failures are
        :mod:`runnerly_core.upstream`'s: ``UpstreamUnavailable`` is worth retrying."""
        try:
            return call(self._client, method, path, name=NAME, **kwargs)
        except UpstreamNotFound:
            if missing_ok:
                return None
            raise
