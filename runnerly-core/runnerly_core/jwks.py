"""The token dealer's public keys, cached in the process and refreshed in the background.

Connexion runs the security handler on the event loop, so a key lookup never waits on the
network: it answers from the cache. One daemon thread makes every fetch:

- when the cache is first used, then every ``refresh_interval`` seconds, so that keys the
  dealer no longer publishes (revoked, or retired and expired) stop being trusted;
- soon after a lookup misses (a rotated key, or a forged ``kid``), but at most once per
  ``min_refresh`` seconds, counted from the last attempt whether it succeeded or failed.

A request whose ``kid`` is unknown may wait, without holding the loop and for a few
seconds at most, for the refresh in flight (:meth:`JwksCache.wait_for_refresh`): after the
dealer rotates its key, the first token signed with the new one is then accepted, not
refused while its key is on its way (a worker retrying such a 401 with a fresh token of the
same key would be refused again, and give up).

With the dealer slow or down, a forged ``kid`` therefore costs one cache miss and that
bounded wait, never a stalled worker, and the dealer sees at most one fetch per
``min_refresh`` from a process. A failed fetch keeps the keys known so far: an outage of
the dealer is not a reason to refuse every token.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable, Mapping

import jwt

log = logging.getLogger(__name__)

JwksFetcher = Callable[[], Mapping]


class JwksCache:
    """Signing keys by ``kid``, refreshed by a thread of its own."""

    def __init__(
        self, fetch: JwksFetcher, *, refresh_interval: float = 300.0, min_refresh: float = 10.0
    ) -> None:
        if refresh_interval <= 0:
            raise ValueError("refresh_interval must be positive: the thread would never rest")
        self._fetch = fetch
        self.min_refresh = min_refresh
        # A periodic refresh more frequent than the miss limit would break that limit.
        self.refresh_interval = max(refresh_interval, min_refresh)
        self._keys: dict[str, jwt.PyJWK] = {}
        self._loaded = threading.Event()
        self._wake = threading.Event()
        self._closed = False
        self._lock = threading.Lock()
        self._last_attempt = float("-inf")
        self._pending = False  # a refresh was asked for and none begun since has finished
        self._asked_at = float("-inf")
        self._thread: threading.Thread | None = None

    @property
    def loaded(self) -> bool:
        """Whether a fetch has ever succeeded."""
        return self._loaded.is_set()

    def get(self, kid: str) -> jwt.PyJWK | None:
        """The key, or ``None`` (and a refresh soon, within the rate limit)."""
        self.start()
        key = self._keys.get(kid)
        if key is None:
            self._ask_for_refresh()
        return key

    async def wait_until_loaded(self, timeout: float) -> None:
        """Let a request that comes before the first fetch has landed wait for it, up to
        ``timeout``, without holding the event loop."""
        self.start()
        deadline = time.monotonic() + timeout
        while not self.loaded and time.monotonic() < deadline:
            await asyncio.sleep(0.02)

    async def wait_for_refresh(self, timeout: float) -> None:
        """Wait, up to ``timeout`` and without holding the loop, for the refresh that a miss
        asked for; return at once when none is pending (the rate limit held it back)."""
        deadline = time.monotonic() + timeout
        while self._pending and time.monotonic() < deadline:
            await asyncio.sleep(0.02)

    def start(self) -> None:
        """Start the refresh thread unless it runs (a forked worker starts its own)."""
        if self._thread is not None and self._thread.is_alive():
            return
        with self._lock:
            if self._closed or (self._thread is not None and self._thread.is_alive()):
                return
            if not self.loaded:
                self._last_attempt = time.monotonic()  # the thread's first fetch counts
            self._thread = threading.Thread(target=self._run, name="jwks-refresh", daemon=True)
            self._thread.start()

    def refresh(self) -> None:
        """Fetch the JWKS now, in the calling thread; keep the old keys if it fails."""
        with self._lock:
            self._last_attempt = started = time.monotonic()
        try:
            keys = _rsa_keys(self._fetch())
        except Exception as error:  # noqa: BLE001 — any failure keeps the known keys, and is logged
            log.warning("JWKS refresh failed, keeping %d known keys: %s", len(self._keys), error)
        else:
            self._keys = keys  # replaced whole: a key the dealer dropped is dropped here too
            self._loaded.set()
        if started >= self._asked_at:  # a fetch begun before the miss may lack its key
            self._pending = False

    def close(self) -> None:
        """Stop the refresh thread (tests; a process that exits needs nothing)."""
        self._closed = True
        self._wake.set()

    def _ask_for_refresh(self) -> None:
        with self._lock:
            now = time.monotonic()
            if self._pending or now - self._last_attempt < self.min_refresh:
                return  # one refetch at a time, and none sooner than min_refresh
            self._last_attempt = self._asked_at = now
            self._pending = True
        self._wake.set()

    def _run(self) -> None:
        if not self.loaded:
            self.refresh()
        while not self._closed:
            self._wake.wait(self.refresh_interval)
            self._wake.clear()
            if not self._closed:
                self.refresh()


def _rsa_keys(jwks: Mapping) -> dict[str, jwt.PyJWK]:
    keys = {}
    for jwk in jwks.get("keys", []):
        if jwk.get("kty") == "RSA" and jwk.get("kid"):
            keys[jwk["kid"]] = jwt.PyJWK(dict(jwk), algorithm="RS256")
    return keys
