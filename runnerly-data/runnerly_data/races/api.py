"""Handlers of /races: any signed-in runner or service with the scope reads and adds."""

from runnerly_core.auth import Caller
from runnerly_core.dates import parse_date
from runnerly_core.responses import ok
from runnerly_data.extensions import db
from runnerly_data.pagination import envelope, page_of
from runnerly_data.races import services
from runnerly_data.races.models import Race


def race_json(race: Race) -> dict:
    return {
        "id": race.id,
        "name": race.name,
        "date": race.date.isoformat(),
        "distance_m": race.distance_m,
        "location": race.location,
    }


def list_races(
    from_: str | None = None, to: str | None = None, q: str | None = None, page: int = 1, per_page: int = 50
):
    query = services.races_query(parse_date(from_, "from"), parse_date(to, "to"), q)
    races, total = page_of(db.session, query, page, per_page)
    return ok(envelope([race_json(race) for race in races], total, page, per_page))


def create_race(body: dict, token_info: dict):
    race = services.create_race(db.session, body, Caller.from_claims(token_info).subject)
    return ok(race_json(race), 201, {"Location": f"/races/{race.id}"})


def get_race(race_id: int):
    return ok(race_json(services.get_race(db.session, race_id)))
