"""Strava calls made for one athlete: within the shared budget, with a fresh token.

A 401 gets one refreshed token and one more try (tokens can be revoked or expired
early); a 429 becomes a :class:`BudgetExhausted` with the deferral the budget decides.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from runnerly_strava.links import tokens
from runnerly_strava.links.models import Link
from runnerly_strava.runtime import Runtime
from runnerly_strava.strava.errors import StravaRateLimited, StravaUnauthorized
from runnerly_strava.sync.budget import SUMMARIES, BudgetExhausted


class AthleteCalls:
    def __init__(
        self, session: Session, runtime: Runtime, link: Link, *, priority: str = SUMMARIES, attempt: int = 0
    ) -> None:
        self.session, self.runtime, self.link = session, runtime, link
        self.priority, self.attempt = priority, attempt

    def list_activities(self, **params) -> list[dict]:
        return self._call(self.runtime.api.list_activities, **params)

    def get_activity(self, activity_id: int) -> dict:
        return self._call(self.runtime.api.get_activity, activity_id)

    def get_athlete(self) -> dict:
        return self._call(self.runtime.api.get_athlete)

    def _call(self, method: Callable, *args, **kwargs):
        # Nothing is pending before a call; ending the transaction lets the budget's own
        # short transactions (and other workers) go ahead while we wait on Strava.
        self.session.commit()
        token = tokens.access_token(self.session, self.runtime, self.link)
        try:
            return self._budgeted(method, token, *args, **kwargs)
        except StravaUnauthorized:
            token = tokens.refreshed_access_token(
                self.session, self.runtime, self.link.user_id, rejected=token
            )
            return self._budgeted(method, token, *args, **kwargs)

    def _budgeted(self, method: Callable, token: str, *args, **kwargs):
        budget = self.runtime.budget
        budget.acquire(self.priority)
        try:
            return method(token, budget.record, *args, **kwargs)
        except StravaRateLimited as limited:
            raise BudgetExhausted(budget.after_rate_limited(limited.usage, self.attempt)) from limited
