"""Service-to-service HTTP: one pooled session per process, tokens cached, ids passed on.

Retries with backoff come from urllib3's ``Retry`` and apply only to idempotent methods,
so a POST that may have reached the server is never sent twice behind the caller's back.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from functools import lru_cache

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from runnerly_core.logs import current_request_id

DEFAULT_TIMEOUT = (3.05, 10.0)  # connect, read (seconds)
EXPIRY_MARGIN = 30  # fetch a new token this many seconds before the old one expires


@lru_cache(maxsize=1)
def shared_session() -> requests.Session:
    """The process's pooled session (created on first use, never at import)."""
    retry = Retry(
        total=3,
        backoff_factor=0.3,
        backoff_jitter=0.2,
        status_forcelist=(502, 503, 504),
        allowed_methods=Retry.DEFAULT_ALLOWED_METHODS,  # idempotent methods only
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry, pool_maxsize=32)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


@dataclass
class _CachedToken:
    value: str
    expires_at: float


class ClientCredentials:
    """Client-credentials tokens (RFC 6749 §4.4), cached per audience and scope."""

    def __init__(
        self, token_url: str, client_id: str, client_secret: str, session: requests.Session | None = None
    ) -> None:
        self.token_url = token_url
        self._auth = (client_id, client_secret)
        self._session = session or shared_session()
        self._tokens: dict[tuple[str, str], _CachedToken] = {}
        self._lock = threading.Lock()

    @classmethod
    def of(cls, settings) -> ClientCredentials:
        """The service's own credentials, from its settings (a ``ClientSettings``)."""
        return cls(settings.token_url, settings.client_id, settings.client_secret.get_secret_value())

    def token(self, audience: str, scope: str) -> str:
        with self._lock:
            cached = self._tokens.get((audience, scope))
            if cached is None or cached.expires_at - EXPIRY_MARGIN <= time.time():
                cached = self._tokens[(audience, scope)] = self._fetch(audience, scope)
            return cached.value

    def forget(self, audience: str, scope: str) -> None:
        with self._lock:
            self._tokens.pop((audience, scope), None)

    def _fetch(self, audience: str, scope: str) -> _CachedToken:
        response = self._session.post(
            self.token_url,
            data={"grant_type": "client_credentials", "audience": audience, "scope": scope},
            auth=self._auth,
            timeout=DEFAULT_TIMEOUT,
        )
        response.raise_for_status()
        body = response.json()
        return _CachedToken(body["access_token"], time.time() + int(body["expires_in"]))


class ServiceClient:
    """Calls one service with a bearer token for it; one fresh token and retry on a 401."""

    def __init__(
        self,
        base_url: str,
        audience: str,
        scope: str,
        credentials: ClientCredentials,
        timeout=DEFAULT_TIMEOUT,
        session: requests.Session | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.audience, self.scope = audience, scope
        self.credentials = credentials
        self.timeout = timeout
        self._session = session or shared_session()

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        response = self._send(method, path, **kwargs)
        if response.status_code == 401:
            # Keys rotate and tokens get revoked: one fresh token, then give up.
            self.credentials.forget(self.audience, self.scope)
            response = self._send(method, path, **kwargs)
        return response

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs) -> requests.Response:
        return self.request("PUT", path, **kwargs)

    def delete(self, path: str, **kwargs) -> requests.Response:
        return self.request("DELETE", path, **kwargs)

    def _send(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = dict(kwargs.pop("headers", None) or {})
        headers["Authorization"] = f"Bearer {self.credentials.token(self.audience, self.scope)}"
        request_id = current_request_id()
        if request_id:
            headers.setdefault("X-Request-ID", request_id)
        kwargs.setdefault("timeout", self.timeout)
        return self._session.request(method, self.base_url + path, headers=headers, **kwargs)


@lru_cache(maxsize=1)
def _session_without_retries() -> requests.Session:
    return requests.Session()


def fetch_json(url: str, timeout=DEFAULT_TIMEOUT) -> dict:
    """GET a JSON document (the JWKS), once: the caller's schedule decides when to try
    again, so that a rate limit on the caller counts every request the server sees."""
    response = _session_without_retries().get(url, timeout=timeout)
    response.raise_for_status()
    return response.json()
