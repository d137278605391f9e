"""What a monthly report says, gathered from the data and training services with the
runner's own token: distance, runs and time, records set, fitness change, and the next
weeks of their plan."""

from __future__ import annotations

import calendar
from datetime import date

from runnerly_dashboard.extensions import upstream
from runnerly_dashboard.upstream import DATA, TRAINING

RECORD_LABELS = {
    "1k": "1 km",
    "5k": "5 km",
    "10k": "10 km",
    "half_marathon": "Half marathon",
    "marathon": "Marathon",
    "longest_run": "Longest run",
}
PLAN_WEEKS = 4


def month_range(month: str) -> tuple[date, date]:
    year, number = (int(part) for part in month.split("-"))
    return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])


def contents(user_id: int, month: str) -> dict:
    first, last = month_range(month)
    data, training = upstream.user(user_id, DATA), upstream.user(user_id, TRAINING)
    user = data.get(f"/users/{user_id}")
    return {
        "first_name": user.get("first_name", ""),
        "units": user["units"],
        "month_name": f"{calendar.month_name[first.month]} {first.year}",
        "summary": summary(data, user_id, first, last),
        "records": records_set(data, user_id, first, last),
        "fitness": fitness_change(training, user_id, first, last),
        **next_plan_weeks(data, training, user_id, last),
    }


def summary(data, user_id: int, first: date, last: date) -> dict:
    params = {"from": first.isoformat(), "to": last.isoformat()}
    totals = data.get(f"/users/{user_id}/stats/monthly", params=params)["totals"]
    row = next((each for each in totals if each["start"] == first.isoformat()), None)
    return row or {"runs": 0, "distance_m": 0.0, "moving_time_s": 0}


def records_set(data, user_id: int, first: date, last: date) -> list[dict]:
    records = data.get(f"/users/{user_id}/records")["records"]
    inside = [each for each in records if first.isoformat() <= each["date"] <= last.isoformat()]
    return [{**each, "label": RECORD_LABELS.get(each["name"], each["name"])} for each in inside]


def fitness_change(training, user_id: int, first: date, last: date) -> dict | None:
    history = training.get(f"/users/{user_id}/fitness")["history"]
    before = [point for point in history if point["date"] < first.isoformat()]
    during = [point for point in history if first.isoformat() <= point["date"] <= last.isoformat()]
    if not during:
        return None
    start = (before[-1] if before else during[0])["vdot"]
    return {"start": _round(start), "end": _round(during[-1]["vdot"])}


def next_plan_weeks(data, training, user_id: int, last: date) -> dict:
    plans = data.get(f"/users/{user_id}/plans")["items"]
    coming = sorted(
        (plan for plan in plans if plan["race_date"] > last.isoformat()), key=lambda plan: plan["race_date"]
    )
    if not coming:
        return {"plan_name": None, "plan_weeks": []}
    plan = training.get(f"/users/{user_id}/plans/{coming[0]['id']}")
    weeks = [week for week in plan["weeks"] if week["week_start"] > last.isoformat()][:PLAN_WEEKS]
    return {
        "plan_name": plan["name"],
        "plan_weeks": [
            {
                "start": week["week_start"],
                "runs": week["planned_runs"],
                "distance_m": week["planned_km"] * 1000,
            }
            for week in weeks
        ],
    }


def _round(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None
