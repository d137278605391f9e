"""The export: everything Runnerly holds about the runner, as one JSON archive."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextvars import copy_context

from sqlalchemy import select

from runnerly_core.dates import iso_instant
from runnerly_core.orm import utcnow
from runnerly_core.responses import ok
from runnerly_dashboard.accounts.models import Account
from runnerly_dashboard.accounts.profile_api import profile
from runnerly_dashboard.extensions import db, upstream
from runnerly_dashboard.reports.models import ReportDelivery
from runnerly_dashboard.sessions import services as sessions
from runnerly_dashboard.strava.api import link_status
from runnerly_dashboard.upstream import DATA, STRAVA, Calls

PAGE = 200
FETCHERS = 8  # parallel detail requests, below the data service's 10 threads


def export(token_info: dict):
    account = db.session.get(Account, token_info["account_id"])
    data = upstream.user(account.user_id, DATA)
    base = f"/users/{account.user_id}"
    archive = {
        "format": "runnerly-export/1",
        "exported_at": _iso(utcnow()),
        "account": account_part(account),
        "profile": profile(account, data.get(base)),
        "runs": details(data, [run["id"] for run in every(data, f"{base}/runs")], f"{base}/runs"),
        "shoes": data.get(f"{base}/shoes")["items"],
        "plans": details(data, [plan["id"] for plan in data.get(f"{base}/plans")["items"]], f"{base}/plans"),
        "strava": link_status(upstream.user(account.user_id, STRAVA), f"{base}/strava"),
    }
    return ok(archive, 200, {"Content-Disposition": 'attachment; filename="runnerly-export.json"'})


def account_part(account: Account) -> dict:
    months = db.session.scalars(
        select(ReportDelivery.month)
        .where(ReportDelivery.account_id == account.id)
        .order_by(ReportDelivery.month)
    )
    return {
        "email": account.email,
        "created_at": _iso(account.created_at),
        "email_confirmed_at": _iso(account.confirmed_at),
        "monthly_report": account.monthly_report,
        "yearly_goal_m": account.yearly_goal_m,
        "sessions": [
            {
                "created_at": _iso(each.created_at),
                "last_seen_at": _iso(each.last_seen_at),
                "address": each.address,
                "user_agent": each.user_agent,
            }
            for each in sessions.of_account(db.session, account.id)
        ],
        "reports_sent": list(months),
    }


def every(calls: Calls, path: str) -> list[dict]:
    items, page = [], 1
    while True:
        body = calls.get(path, params={"page": page, "per_page": PAGE})
        items += body["items"]
        if not body["items"] or page * PAGE >= body["total"]:
            return items
        page += 1


def details(calls: Calls, ids: list[int], path: str) -> list[dict]:
    with ThreadPoolExecutor(FETCHERS) as pool:
        # Each request runs in a copy of this context, so the request id travels along.
        futures = [pool.submit(copy_context().run, calls.get, f"{path}/{each}") for each in ids]
        return [future.result() for future in futures]


def _iso(moment) -> str | None:
    return iso_instant(moment) if moment else None
