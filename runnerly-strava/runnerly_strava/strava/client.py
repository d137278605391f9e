"""Strava API v3 calls the sync makes, raising typed errors and reporting every answer.

Every response (429s included) is handed to ``on_response`` so that the shared rate
budget always holds Strava's latest count. No transparent retries: a retry costs budget,
so the caller decides when to make it.
"""

from __future__ import annotations

from collections.abc import Callable

import requests

from runnerly_strava.strava.errors import (
    StravaError,
    StravaNotFound,
    StravaRateLimited,
    StravaUnauthorized,
    StravaUnavailable,
)
from runnerly_strava.strava.ratelimits import RateUsage, parse_rate_headers

TIMEOUT = (3.05, 20.0)
PER_PAGE = 200  # Strava's maximum

ResponseHook = Callable[[RateUsage | None], None]


class StravaApi:
    def __init__(self, base_url: str, session: requests.Session | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self._session = session or requests.Session()

    def list_activities(
        self,
        token: str,
        hook: ResponseHook,
        *,
        before: int | None = None,
        after: int | None = None,
        page: int = 1,
        per_page: int = PER_PAGE,
    ) -> list[dict]:
        params = {"page": page, "per_page": per_page, "before": before, "after": after}
        return self._get(
            "/athlete/activities", token, hook, {k: v for k, v in params.items() if v is not None}
        )

    def get_activity(self, token: str, hook: ResponseHook, activity_id: int) -> dict:
        return self._get(f"/activities/{activity_id}", token, hook, {"include_all_efforts": "false"})

    def get_athlete(self, token: str, hook: ResponseHook) -> dict:
        """The token's athlete: the cheapest way to ask Strava whether a token still works."""
        return self._get("/athlete", token, hook, {})

    def _get(self, path: str, token: str, hook: ResponseHook, params: dict) -> list | dict:
        try:
            response = self._session.get(
                self.base_url + path,
                params=params,
                headers={"Authorization": f"Bearer {token}"},
                timeout=TIMEOUT,
            )
        except requests.RequestException as error:
            raise StravaUnavailable(f"GET {path}: {type(error).__name__}") from error
        usage = parse_rate_headers(response.headers)
        hook(usage)
        raise_for_strava(response, usage)
        return response.json()


def raise_for_strava(response: requests.Response, usage: RateUsage | None = None) -> None:
    status = response.status_code
    if status < 400:
        return
    if status == 429:
        raise StravaRateLimited(usage)
    if status >= 500:
        raise StravaUnavailable(f"Strava answered {status}")
    message = _message(response)
    error = {401: StravaUnauthorized, 404: StravaNotFound}.get(status, StravaError)
    raise error(status, message)


def _message(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200]
    return f"{body.get('message', '')} {body.get('errors', '')}".strip() if isinstance(body, dict) else ""
