"""Handlers of /users/{user_id}/runs."""

from flask import request

from runnerly_core.dates import parse_date
from runnerly_core.responses import no_content, ok
from runnerly_data.access import caller_for
from runnerly_data.events import publish_recorded
from runnerly_data.extensions import db
from runnerly_data.pagination import envelope, page_of
from runnerly_data.runs import services, upsert
from runnerly_data.runs.schemas import body_etag, etag_matches, run_detail_json, run_etag, run_json


def list_runs(
    user_id: int,
    token_info: dict,
    from_: str | None = None,
    to: str | None = None,
    year: int | None = None,
    month: str | None = None,
    source: str | None = None,
    sort: str = "-start_time",
    page: int = 1,
    per_page: int = 50,
):
    caller_for(user_id, token_info)
    run_filter = services.RunFilter.of(parse_date(from_, "from"), parse_date(to, "to"), year, month, source)
    query = services.runs_query(db.session, user_id, run_filter, sort)
    runs, total = page_of(db.session, query, page, per_page)
    body = envelope([run_json(run) for run in runs], total, page, per_page)
    return _conditional(body, body_etag(body))


def get_run(user_id: int, run_id: int, token_info: dict):
    caller_for(user_id, token_info)
    run = services.get_run(db.session, user_id, run_id)
    etag = run_etag(run)
    if etag_matches(request.headers.get("If-None-Match"), etag):
        return no_content(304, {"ETag": etag})
    return ok(run_detail_json(run), 200, {"ETag": etag})


def create_run(user_id: int, body: dict, token_info: dict):
    caller_for(user_id, token_info)
    run = services.create_manual_run(db.session, user_id, body)
    publish_recorded()
    headers = {"Location": f"/users/{user_id}/runs/{run.id}", "ETag": run_etag(run)}
    return ok(run_json(run), 201, headers)


def update_run(user_id: int, run_id: int, body: dict, token_info: dict):
    caller_for(user_id, token_info)
    run = services.update_run(db.session, user_id, run_id, body, request.headers.get("If-Match"))
    publish_recorded()
    return ok(run_detail_json(run), 200, {"ETag": run_etag(run)})


def delete_run(user_id: int, run_id: int, token_info: dict):
    caller_for(user_id, token_info)
    services.delete_run(db.session, user_id, run_id)
    publish_recorded()
    return no_content()


def upsert_runs(user_id: int, body: dict, token_info: dict):
    caller_for(user_id, token_info)
    return ok(upsert.upsert_runs(db.session, user_id, body["runs"]))


def delete_runs_of_source(user_id: int, source: str, token_info: dict):
    caller_for(user_id, token_info)
    return ok({"deleted": services.delete_runs_of_source(db.session, user_id, source)})


def _conditional(body: dict, etag: str):
    if etag_matches(request.headers.get("If-None-Match"), etag):
        return no_content(304, {"ETag": etag})
    return ok(body, 200, {"ETag": etag})
