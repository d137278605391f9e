"""Strava's OAuth 2: the authorize URL, code exchange, refresh and deauthorization."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import requests

from runnerly_strava.strava.client import TIMEOUT, raise_for_strava
from runnerly_strava.strava.errors import StravaUnavailable

# Private ("Only You") activities are silently missing without activity:read_all.
REQUESTED_SCOPE = "read,activity:read_all"
REQUIRED_SCOPE = "activity:read_all"


@dataclass(frozen=True)
class TokenGrant:
    access_token: str
    refresh_token: str
    expires_at: int
    athlete: dict | None = None

    @classmethod
    def from_answer(cls, body: dict) -> TokenGrant:
        return cls(body["access_token"], body["refresh_token"], int(body["expires_at"]), body.get("athlete"))


class StravaOAuth:
    """Strava's OAuth endpoints. ``public_url`` is where a browser reaches them, when that is
    not where this service does (the sandbox in compose: ``localhost:5090`` against
    ``strava-sandbox:5090``)."""

    def __init__(
        self,
        base_url: str,
        client_id: str,
        client_secret: str,
        session: requests.Session | None = None,
        public_url: str | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.public_url = (public_url or base_url).rstrip("/")
        self.client_id = client_id
        self._client_secret = client_secret
        self._session = session or requests.Session()

    def authorize_url(self, redirect_uri: str, state: str) -> str:
        query = {
            "client_id": self.client_id,
            "redirect_uri": redirect_uri,
            "response_type": "code",
            "approval_prompt": "auto",
            "scope": REQUESTED_SCOPE,
            "state": state,
        }
        return f"{self.public_url}/authorize?{urlencode(query, safe=',:')}"

    def exchange_code(self, code: str) -> TokenGrant:
        return TokenGrant.from_answer(self._token({"grant_type": "authorization_code", "code": code}))

    def refresh(self, refresh_token: str) -> TokenGrant:
        return TokenGrant.from_answer(
            self._token({"grant_type": "refresh_token", "refresh_token": refresh_token})
        )

    def deauthorize(self, access_token: str) -> None:
        response = self._post("/deauthorize", headers={"Authorization": f"Bearer {access_token}"})
        raise_for_strava(response)

    def _token(self, form: dict) -> dict:
        credentials = {"client_id": self.client_id, "client_secret": self._client_secret}
        response = self._post("/token", data={**credentials, **form})
        raise_for_strava(response)
        return response.json()

    def _post(self, path: str, **kwargs) -> requests.Response:
        try:
            return self._session.post(self.base_url + path, timeout=TIMEOUT, **kwargs)
        except requests.RequestException as error:
            raise StravaUnavailable(f"POST {path}: {type(error).__name__}") from error


def granted_scopes(scope: str | None) -> frozenset[str]:
    return frozenset(part.strip() for part in (scope or "").split(",") if part.strip())
