"""The data service at the HTTP edge: requests-mock answers as runnerly-data does.

Bodies follow the data service's spec (``test_data_contract.py`` checks them against
``data.yaml``): users, paginated runs sorted and filtered by local day, run details with
splits, races, and plans whose planned runs link to the runs done on their day. Every call
must carry the training service's bearer token, as the real service demands.
"""

from __future__ import annotations

import itertools
import re
from datetime import UTC, date, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

DATA_URL = "http://data.test"
TOKEN_URL = "http://tokendealer.test/oauth/token"
TOKEN = "data-service-token"
NOT_RUNS = ("rest", "cross")


def problem(context, status: int, detail: str) -> dict:
    context.status_code = status
    context.headers["Content-Type"] = "application/problem+json"
    titles = {400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 503: "Service Unavailable"}
    return {"type": "about:blank", "title": titles.get(status, "Error"), "status": status, "detail": detail}


class FakeDataService:
    def __init__(self, mocker) -> None:
        self.users: dict[int, dict] = {}
        self.runs: dict[int, dict] = {}
        self.races: dict[int, dict] = {}
        self.plans: dict[int, dict] = {}
        self.posted_plans: list[dict] = []
        self.failure: tuple[int, str] | None = None  # every call answers this status
        self.mocker = mocker
        self._ids = itertools.count(1)
        mocker.post(TOKEN_URL, json=self._token)
        self._route("GET", r"/users/(\d+)$", self._user)
        self._route("GET", r"/users/(\d+)/runs(\?.*)?$", self._runs)
        self._route("GET", r"/users/(\d+)/runs/(\d+)$", self._run)
        self._route("GET", r"/races/(\d+)$", self._race)
        self._route("POST", r"/users/(\d+)/plans$", self._create_plan)
        self._route("GET", r"/users/(\d+)/plans/(\d+)$", self._plan)

    # -- building the data ---------------------------------------------------------------

    def add_user(self, **fields) -> int:
        user_id = next(self._ids)
        self.users[user_id] = {
            "id": user_id,
            "email": f"runner{user_id}@example.org",
            "first_name": "Ada",
            "last_name": "Runner",
            "birth_date": "1990-04-12",
            "sex": "F",
            "weight_kg": 60.0,
            "max_heartrate": 190,
            "resting_heartrate": 50,
            "units": "metric",
            "timezone": "Europe/London",
            "created_at": "2025-01-01T00:00:00Z",
            **fields,
        }
        return user_id

    def add_run(self, user_id: int, run: dict) -> dict:
        """``run`` as :func:`tests.runners.run_json` makes it; the service adds the ids."""
        run_id = next(self._ids)
        stored = {**run, "id": run_id, "user_id": user_id, "source_id": run.get("source_id") or f"{run_id}"}
        self.runs[run_id] = stored
        return stored

    def add_runs(self, user_id: int, runs: list[dict]) -> list[dict]:
        return [self.add_run(user_id, run) for run in runs]

    def change_run(self, run_id: int, **fields) -> None:
        run = self.runs[run_id]
        run.update(fields, version=run["version"] + 1)

    def add_race(self, **fields) -> int:
        race_id = next(self._ids)
        self.races[race_id] = {"id": race_id, "name": "City Marathon", "location": "London", **fields}
        return race_id

    # -- what was asked ------------------------------------------------------------------

    def calls(self, method: str, pattern: str) -> list:
        return [
            request
            for request in self.mocker.request_history
            if request.method == method and re.search(pattern, urlsplit(request.url).path)
        ]

    # -- the endpoints -------------------------------------------------------------------

    def _route(self, method: str, path: str, handler) -> None:
        self.mocker.register_uri(
            method, re.compile("^" + re.escape(DATA_URL) + path), json=self._guarded(handler)
        )

    def _guarded(self, handler):
        def answer(request, context):
            if request.headers.get("Authorization") != f"Bearer {TOKEN}":
                return problem(context, 401, "Invalid bearer token.")
            if self.failure:
                return problem(context, *self.failure)
            context.headers["Content-Type"] = "application/json"
            return handler(request, context, *map(int, re.findall(r"/(\d+)", urlsplit(request.url).path)))

        return answer

    def _token(self, request, context) -> dict:
        return {"access_token": TOKEN, "token_type": "Bearer", "expires_in": 3600, "scope": "runs:read"}

    def _user(self, request, context, user_id: int) -> dict:
        return self.users.get(user_id) or problem(context, 404, f"There is no user {user_id}.")

    def _runs(self, request, context, user_id: int) -> dict:
        if user_id not in self.users:
            return problem(context, 404, f"There is no user {user_id}.")
        query = {name: values[0] for name, values in parse_qs(urlsplit(request.url).query).items()}
        page, per_page = int(query.get("page", 1)), int(query.get("per_page", 50))
        matching = sorted(
            (run for run in self.runs.values() if run["user_id"] == user_id and _within(run, query)),
            key=lambda run: (run["start_time"], run["id"]),
        )
        items = [_summary(run) for run in matching[(page - 1) * per_page : page * per_page]]
        return {"items": items, "total": len(matching), "page": page, "per_page": per_page}

    def _run(self, request, context, user_id: int, run_id: int) -> dict:
        run = self.runs.get(run_id)
        if run is None or run["user_id"] != user_id:
            return problem(context, 404, f"User {user_id} has no run {run_id}.")
        return run

    def _race(self, request, context, race_id: int) -> dict:
        return self.races.get(race_id) or problem(context, 404, f"There is no race {race_id}.")

    def _create_plan(self, request, context, user_id: int) -> dict:
        if user_id not in self.users:
            return problem(context, 404, f"There is no user {user_id}.")
        body = request.json()
        self.posted_plans.append(body)
        plan_id = next(self._ids)
        runs = [{**run, "id": next(self._ids), "run_id": None} for run in body["runs"]]
        self.plans[plan_id] = {
            **body,
            "id": plan_id,
            "user_id": user_id,
            "created_at": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
            "runs": runs,
        }
        context.status_code = 201
        return self._plan_json(self.plans[plan_id])

    def _plan(self, request, context, user_id: int, plan_id: int) -> dict:
        plan = self.plans.get(plan_id)
        if plan is None or plan["user_id"] != user_id:
            return problem(context, 404, f"User {user_id} has no plan {plan_id}.")
        return self._plan_json(plan)

    def _plan_json(self, plan: dict) -> dict:
        """Links each open planned run to a run of the runner on its day, as the data service does."""
        self._link(plan)
        today = datetime.now(UTC).date()
        due = [
            run
            for run in plan["runs"]
            if date.fromisoformat(run["date"]) < today and run["type"] not in NOT_RUNS
        ]
        done = sum(1 for run in due if run["run_id"] is not None)
        ratio = round(done / len(due), 3) if due else None
        return {**plan, "adherence": {"due": len(due), "done": done, "ratio": ratio}}

    def _link(self, plan: dict) -> None:
        taken = {run["run_id"] for run in plan["runs"]}
        for planned in plan["runs"]:
            if planned["run_id"] is not None or planned["type"] in NOT_RUNS:
                continue
            same_day = [
                run["id"]
                for run in self.runs.values()
                if run["user_id"] == plan["user_id"]
                and run["start_time_local"][:10] == planned["date"]
                and run["id"] not in taken
            ]
            if same_day:
                planned["run_id"] = same_day[0]
                taken.add(same_day[0])


# The data service's ``Run`` schema, kept here: the fake may not import that service
# (test_data_contract.py checks the list against its spec).
SUMMARY_FIELDS = (
    "id",
    "user_id",
    "source",
    "source_id",
    "name",
    "sport_type",
    "is_race",
    "start_time",
    "start_time_local",
    "timezone",
    "distance_m",
    "moving_time_s",
    "elapsed_time_s",
    "elevation_gain_m",
    "average_speed_mps",
    "max_speed_mps",
    "average_heartrate",
    "max_heartrate",
    "average_cadence",
    "pace_s_per_km",
    "version",
)


def _summary(run: dict) -> dict:
    return {name: run[name] for name in SUMMARY_FIELDS}


def _within(run: dict, query: dict) -> bool:
    day = run["start_time_local"][:10]
    return query.get("from", "0000") <= day <= query.get("to", "9999")


def days_ago(days: int) -> date:
    return datetime.now(UTC).date() - timedelta(days=days)
