"""The data service, seen from the training service: runners, runs, races and plans.

Every call carries this service's own client-credentials token (audience
``runnerly-data``); the handlers have already checked that the caller may reach the
runner. The data service's failures become problems a client can act on: a missing
runner is a 404, a data service that does not answer is a 503, and a data service that
refuses this service's requests (credentials, scopes, a body it rejects) is a 502.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextvars import copy_context
from datetime import UTC, date, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import requests
from connexion.exceptions import ProblemException

from runnerly_core.http import ClientCredentials, ServiceClient
from runnerly_training.model import BestEffort, HeartRateSegment, RunRecord
from runnerly_training.settings import TrainingSettings

AUDIENCE = "runnerly-data"
SCOPE = "users:read runs:read races:read plans:read plans:write"
PAGE_SIZE = 200  # the data service's largest page
DETAIL_FETCHERS = 8  # parallel run-detail requests, below the data service's 10 threads
RETRY_AFTER_S = "30"
RUNNING_SPORTS = frozenset({"Run", "TrailRun", "VirtualRun"})  # walks and rides are not runs
# A split within 5 % of a kilometre counts as one (GPS splits are 998.7 m, 1001.2 m ...).
KILOMETRE_TOLERANCE = 0.05
# Best efforts read from whole-kilometre splits; the model ignores those under 1500 m.
BEST_EFFORT_KM = (3, 5, 10, 15, 20)
# A stretch must be this much shorter than its run to be more than the run itself (which
# counts already, a race by its elapsed time, not by the moving time of its splits).
INNER_EFFORT_MARGIN_M = 500.0

Json = dict[str, Any]


class DataServiceError(ProblemException):
    """A failure at the data service, raised as the problem this service answers with."""

    status_code = 502
    title = "Bad Gateway"

    def __init__(self, detail: str, headers: dict | None = None) -> None:
        super().__init__(status=self.status_code, title=self.title, detail=detail, headers=headers)


class DataServiceUnavailable(DataServiceError):
    status_code = 503
    title = "Service Unavailable"

    def __init__(self, detail: str) -> None:
        super().__init__(detail, headers={"Retry-After": RETRY_AFTER_S})


class DataServiceRefused(DataServiceError):
    """The data service (or the token dealer) refused a request that should have worked."""


class NotFoundAtDataService(DataServiceError):
    status_code = 404
    title = "Not Found"


class DataSource:
    """Extension: ``data_service.init_app(settings)``, then the methods below."""

    def __init__(self) -> None:
        self._client: ServiceClient | None = None

    def init_app(self, settings: TrainingSettings) -> None:
        credentials = ClientCredentials(
            settings.token_url, settings.client_id, settings.client_secret.get_secret_value()
        )
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
        except NotFoundAtDataService:
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
        except NotFoundAtDataService:
            return None

    def _json(self, method: str, path: str, *, missing: str, **kwargs) -> Json:
        if self._client is None:
            raise RuntimeError("DataSource.init_app was not called")
        try:
            response = self._client.request(method, path, **kwargs)
        except requests.HTTPError as error:  # from the token dealer, via ClientCredentials
            raise _token_failure(error) from None
        except requests.RequestException as error:
            raise DataServiceUnavailable(
                f"The data service does not answer ({type(error).__name__})."
            ) from None
        return _checked(response, missing)


def _run_filter(first_day: date, last_day: date, page: int) -> dict:
    return {
        "from": first_day.isoformat(),
        "to": last_day.isoformat(),
        "sort": "start_time",
        "per_page": PAGE_SIZE,
        "page": page,
    }


def _checked(response: requests.Response, missing: str) -> Json:
    status = response.status_code
    if status < 300:
        return _body(response)
    if status == 404:
        raise NotFoundAtDataService(missing)
    if status == 429 or status >= 500:
        raise DataServiceUnavailable(f"The data service answered {status}; try again shortly.")
    raise DataServiceRefused(f"The data service refused the request ({status}): {_detail(response)}")


def _body(response: requests.Response) -> Json:
    try:
        return response.json()
    except ValueError:
        raise DataServiceRefused(f"The data service answered {response.status_code} without JSON.") from None


def _token_failure(error: requests.HTTPError) -> DataServiceError:
    status = error.response.status_code if error.response is not None else 0
    if status == 429 or status >= 500:
        return DataServiceUnavailable(f"The token dealer answered {status}; try again shortly.")
    return DataServiceRefused(f"The token dealer refused this service's client credentials ({status}).")


def _detail(response: requests.Response) -> str:
    try:
        return str(response.json().get("detail", ""))
    except ValueError:
        return response.text[:200]


def run_record(run: Json, splits: Sequence[Json] = ()) -> RunRecord:
    """A run of the data service as the model's :class:`RunRecord`.

    The start carries the runner's local zone, so that the model's days are the runner's
    calendar days (the data service filters and links plans by local day too). Splits give
    the kilometre times the model checks for GPS glitches, and best efforts over whole
    kilometres inside the run.
    """
    kilometres = kilometre_times(splits)
    return RunRecord(
        id=str(run["id"]),
        start_time=datetime.fromisoformat(run["start_time_local"]).replace(tzinfo=zone(run["timezone"])),
        distance_m=float(run["distance_m"]),
        moving_time_s=float(run["moving_time_s"]),
        elapsed_time_s=float(run["elapsed_time_s"]),
        is_race=bool(run["is_race"]),
        best_efforts=best_efforts(kilometres, float(run["distance_m"])),
        split_times_s=tuple(time for time in kilometres if time is not None),
        average_heart_rate=run.get("average_heartrate"),
        heart_rate_segments=heart_rate_segments(splits),
    )


def heart_rate_segments(splits: Iterable[Json]) -> tuple[HeartRateSegment, ...]:
    """Each split's moving time at its average heart rate, when every split has one (the data
    service keeps no heart-rate stream: per-split averages are the finest heart rate it has)."""
    segments = [(split["moving_time_s"], split.get("average_heartrate")) for split in splits]
    if not segments or any(not bpm for _, bpm in segments):
        return ()
    return tuple(HeartRateSegment(float(seconds), float(bpm)) for seconds, bpm in segments)


def is_running(run: Json) -> bool:
    return run["sport_type"] in RUNNING_SPORTS


def zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def kilometre_times(splits: Iterable[Json]) -> list[float | None]:
    """Each split's time per kilometre when it is (about) a kilometre, else ``None``."""
    times: list[float | None] = []
    for split in splits:
        distance, seconds = split["distance_m"], split["moving_time_s"]
        whole = abs(distance - 1000) <= 1000 * KILOMETRE_TOLERANCE and seconds > 0
        times.append(seconds * 1000 / distance if whole else None)
    return times


def best_efforts(kilometres: Sequence[float | None], run_distance_m: float) -> tuple[BestEffort, ...]:
    """The fastest ``k`` consecutive whole kilometres, for each ``k`` that fits inside the run."""
    efforts = []
    for km in (km for km in BEST_EFFORT_KM if km * 1000 <= run_distance_m - INNER_EFFORT_MARGIN_M):
        windows = (kilometres[start : start + km] for start in range(len(kilometres) - km + 1))
        sums = [sum(window) for window in windows if None not in window]
        if sums:
            efforts.append(BestEffort(km * 1000.0, min(sums)))
    return tuple(efforts)
