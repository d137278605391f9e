"""Another Runnerly service's answers, sorted by what the caller can do about them.

- :class:`UpstreamUnavailable` (503, ``Retry-After``): no answer, a 5xx or a 429, from the
  service or from the token dealer: worth retrying later (a worker retries, a handler
  answers 503).
- :class:`UpstreamNotFound` (404): the resource is not there.
- :class:`UpstreamRefused` (502): the service refused a request that should have worked
  (credentials, scopes, a body it rejects): retrying will not help.

Each is a problem, so a handler may let it through as its answer.
"""

from __future__ import annotations

import requests
from connexion.exceptions import ProblemException

RETRY_AFTER_S = "30"


class UpstreamError(ProblemException):
    status_code = 502
    title = "Bad Gateway"

    def __init__(self, detail: str, headers: dict | None = None) -> None:
        super().__init__(status=self.status_code, title=self.title, detail=detail, headers=headers)


class UpstreamUnavailable(UpstreamError):
    status_code = 503
    title = "Service Unavailable"

    def __init__(self, detail: str) -> None:
        super().__init__(detail, headers={"Retry-After": RETRY_AFTER_S})


class UpstreamRefused(UpstreamError):
    """The service (or the token dealer) refused a request that should have worked."""


class UpstreamNotFound(UpstreamError):
    status_code = 404
    title = "Not Found"


def call(client, method: str, path: str, *, name: str, missing: str = "", **kwargs) -> requests.Response:
    """``client.request(...)``'s answer when it succeeded, else the error that says why.
    ``name`` says who answered ("the data service"); ``missing`` is the 404's detail."""
    try:
        response = client.request(method, path, **kwargs)
    except requests.HTTPError as error:  # from the token dealer, via ClientCredentials
        raise token_failure(error) from None
    except requests.RequestException as error:
        raise UpstreamUnavailable(f"{name.capitalize()} does not answer ({type(error).__name__}).") from None
    status = response.status_code
    if status < 300:
        return response
    if status == 404:
        raise UpstreamNotFound(missing or f"{name.capitalize()} has no {path}.")
    if status == 429 or status >= 500:
        raise UpstreamUnavailable(f"{name.capitalize()} answered {status}; try again shortly.")
    raise UpstreamRefused(f"{name.capitalize()} refused the request ({status}): {_detail(response)}")


def json_of(response: requests.Response, name: str):
    try:
        return response.json()
    except ValueError:
        raise UpstreamRefused(f"{name.capitalize()} answered {response.status_code} without JSON.") from None


def token_failure(error: requests.HTTPError) -> UpstreamError:
    status = error.response.status_code if error.response is not None else 0
    if status == 429 or status >= 500:
        return UpstreamUnavailable(f"The token dealer answered {status}; try again shortly.")
    return UpstreamRefused(f"The token dealer refused this service's client credentials ({status}).")


def _detail(response: requests.Response) -> str:
    try:
        return str(response.json().get("detail", ""))
    except (ValueError, AttributeError):
        return response.text[:200]
