"""Calls to the suite's services, on behalf of the signed-in runner.

User tokens come from the token dealer's trusted user grant
(``urn:runnerly:params:oauth:grant-type:user``), short-lived and cached per runner,
audience and scope; the runner's id comes from the session, never from the request. A
client-credentials token serves the few calls made for no runner yet (creating one).

Failures upstream become problems the web app can act on: what the other service said
about the request (400, 404, 409, 412) is passed on; a service that does not answer is a
503; a service or token dealer refusing the dashboard's own credentials is a 502.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import requests
from connexion.exceptions import ProblemException

from runnerly_core.http import (
    DEFAULT_TIMEOUT,
    EXPIRY_MARGIN,
    ClientCredentials,
    ServiceClient,
    shared_session,
)
from runnerly_dashboard.settings import DashboardSettings

USER_GRANT = "urn:runnerly:params:oauth:grant-type:user"
PASSED_ON = (400, 404, 409, 412)
RETRY_AFTER_S = "10"


@dataclass(frozen=True)
class Target:
    audience: str
    user_scope: str


DATA = Target(
    "runnerly-data",
    "users:read users:write runs:read runs:write races:read races:write plans:read plans:write",
)
TRAINING = Target("runnerly-training", "fitness:read load:read plans:read plans:write")
STRAVA = Target("runnerly-strava", "strava:read strava:link")
IMPORT = Target("runnerly-import", "imports:read imports:write")
SERVICE_SCOPE = "users:read users:write"  # the dashboard's own token: creating runners
STRAVA_LOGIN_SCOPE = "strava:login"  # ... and signing them in with Strava


class UserTokens:
    """User tokens from the trusted grant, cached until shortly before they expire."""

    def __init__(self, token_url: str, client_id: str, client_secret: str) -> None:
        self.token_url = token_url
        self._auth = (client_id, client_secret)
        self._tokens: dict[tuple[int, str, str], tuple[str, float]] = {}
        self._lock = threading.Lock()

    def token(self, user_id: int, audience: str, scope: str) -> str:
        key = (user_id, audience, scope)
        with self._lock:
            cached = self._tokens.get(key)
        if cached is None or cached[1] - EXPIRY_MARGIN <= time.time():
            cached = self._fetch(user_id, audience, scope)
            with self._lock:
                self._tokens[key] = cached
        return cached[0]

    def forget(self, user_id: int, audience: str, scope: str) -> None:
        with self._lock:
            self._tokens.pop((user_id, audience, scope), None)

    def forget_user(self, user_id: int) -> None:
        with self._lock:
            for key in [key for key in self._tokens if key[0] == user_id]:
                del self._tokens[key]

    def _fetch(self, user_id: int, audience: str, scope: str) -> tuple[str, float]:
        form = {"grant_type": USER_GRANT, "subject": str(user_id), "audience": audience, "scope": scope}
        response = shared_session().post(self.token_url, data=form, auth=self._auth, timeout=DEFAULT_TIMEOUT)
        response.raise_for_status()
        body = response.json()
        return body["access_token"], time.time() + int(body["expires_in"])


class _OnBehalfOf:
    """The credentials :class:`ServiceClient` asks for, for one runner."""

    def __init__(self, tokens: UserTokens, user_id: int) -> None:
        self._tokens, self._user_id = tokens, user_id

    def token(self, audience: str, scope: str) -> str:
        return self._tokens.token(self._user_id, audience, scope)

    def forget(self, audience: str, scope: str) -> None:
        self._tokens.forget(self._user_id, audience, scope)


class Upstream:
    """Extension: ``upstream.init_app(settings)``; then ``upstream.user(id, DATA).get(...)``."""

    def __init__(self) -> None:
        self.settings: DashboardSettings | None = None
        self.tokens: UserTokens | None = None
        self._own: ClientCredentials | None = None

    def init_app(self, settings: DashboardSettings) -> None:
        secret = settings.client_secret.get_secret_value()
        self.settings = settings
        self.tokens = UserTokens(settings.token_url, settings.client_id, secret)
        self._own = ClientCredentials.of(settings)

    def user(self, user_id: int, target: Target) -> Calls:
        credentials = _OnBehalfOf(self.tokens, user_id)
        return Calls(ServiceClient(self._url(target), target.audience, target.user_scope, credentials))

    def own(self, target: Target, scope: str = SERVICE_SCOPE) -> Calls:
        return Calls(ServiceClient(self._url(target), target.audience, scope, self._own))

    def _url(self, target: Target) -> str:
        return {
            DATA: self.settings.data_url,
            TRAINING: self.settings.training_url,
            STRAVA: self.settings.strava_url,
            IMPORT: self.settings.import_url,
        }[target]


class Calls:
    """One service's calls, answering JSON or raising the problem to answer with."""

    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    def json(self, method: str, path: str, **kwargs):
        return self.send(method, path, **kwargs).json()

    def send(self, method: str, path: str, passed_on=PASSED_ON, **kwargs) -> requests.Response:
        """The response, once checked to be a success (``passed_on``: the statuses whose
        problem is the caller's to read)."""
        return checked(self.response(method, path, **kwargs), passed_on)

    def response(self, method: str, path: str, **kwargs) -> requests.Response:
        try:
            return self.client.request(method, path, **kwargs)
        except requests.HTTPError as error:  # the token dealer, through the credentials
            raise token_failure(error) from None
        except requests.RequestException as error:
            raise unavailable(f"{self.client.audience} does not answer ({type(error).__name__}).") from None

    def get(self, path: str, **kwargs):
        return self.json("GET", path, **kwargs)


def checked(response: requests.Response, passed_on=PASSED_ON) -> requests.Response:
    status = response.status_code
    if status < 300:
        return response
    if status in passed_on:
        raise ProblemException(status=status, title=_title(response), detail=_detail(response))
    if status == 429 or status >= 500:
        raise unavailable(f"A Runnerly service answered {status}; try again shortly.")
    raise bad_gateway(f"A Runnerly service refused the dashboard's request ({status}): {_detail(response)}")


def token_failure(error: requests.HTTPError) -> ProblemException:
    status = error.response.status_code if error.response is not None else 0
    if status == 429 or status >= 500:
        return unavailable(f"The token dealer answered {status}; try again shortly.")
    return bad_gateway(f"The token dealer refused the dashboard's credentials ({status}).")


def unavailable(detail: str) -> ProblemException:
    return ProblemException(
        status=503, title="Service Unavailable", detail=detail, headers={"Retry-After": RETRY_AFTER_S}
    )


def bad_gateway(detail: str) -> ProblemException:
    return ProblemException(status=502, title="Bad Gateway", detail=detail)


def _title(response: requests.Response) -> str:
    return _field(response, "title") or response.reason or "Error"


def _detail(response: requests.Response) -> str:
    return _field(response, "detail") or response.text[:200]


def _field(response: requests.Response, name: str) -> str:
    try:
        return str(response.json().get(name, ""))
    except (ValueError, AttributeError):
        return ""
