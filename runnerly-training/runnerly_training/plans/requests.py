"""What a plan is asked for: the race (from the calendar or as given) and the model's request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from runnerly_core.dates import parse_date
from runnerly_core.problems import bad_request
from runnerly_training.datasource import DataSource
from runnerly_training.model import PlanConstraints, PlanRequest
from runnerly_training.model.plan.distances import race_name
from runnerly_training.records import Json
from runnerly_training.snapshots.services import Snapshot

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NAME_LENGTH = 200  # the data service's limit


@dataclass(frozen=True)
class Race:
    race_id: int | None
    name: str
    date: date
    distance_m: float

    def plan_name(self) -> str:
        return f"{self.name} ({self.date.isoformat()})"[:NAME_LENGTH]


def chosen_race(source: DataSource, choice: Json) -> Race:
    """A race of the calendar by its id, or a distance and a date."""
    if "id" in choice:
        race = source.race(choice["id"])
        if race is None:
            raise bad_request(f"There is no race {choice['id']}.")
        return Race(race["id"], race["name"], date.fromisoformat(race["date"]), float(race["distance_m"]))
    day = parse_date(choice["date"], "race.date")
    distance = float(choice["distance_m"])
    return Race(None, choice.get("name") or distance_name(distance), day, distance)


def plan_request(body: Json, race: Race, snapshot: Snapshot) -> PlanRequest:
    """The model's request: the runner's today, fitness and recent volume from the snapshot."""
    constraints = body.get("constraints") or {}
    return PlanRequest(
        today=snapshot.as_of,
        race_date=race.date,
        race_distance_m=race.distance_m,
        recent_weekly_km=snapshot.fitness["recent_weekly_km"],
        recent_longest_run_km=snapshot.fitness.get("recent_longest_run_km"),
        days_per_week=body["days_per_week"],
        current_vdot=snapshot.fitness["vdot"],
        goal_time_s=body.get("goal_time_s"),
        constraints=PlanConstraints(
            unavailable_weekdays=frozenset(map(WEEKDAYS.index, constraints.get("unavailable_weekdays", []))),
            long_run_weekday=_weekday(constraints.get("long_run_weekday")),
            max_weekly_km=constraints.get("max_weekly_km"),
        ),
    )


def distance_name(distance_m: float) -> str:
    """``marathon``, ``10 km`` ... (within 1 %: 42,200 m is a marathon) or the distance in km."""
    return race_name(distance_m)


def _weekday(name: str | None) -> int | None:
    return None if name is None else WEEKDAYS.index(name)
