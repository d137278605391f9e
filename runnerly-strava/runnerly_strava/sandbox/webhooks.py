"""Push subscriptions: callback validation and event delivery with retries.

Delivery runs on one background thread, started lazily by the first event or
explicitly by `start()`. A callback that does not answer 200 in time is tried
again after a delay, up to the configured number of attempts in all.
"""

from __future__ import annotations

import queue
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any

import requests

from .errors import bad_request
from .timefmt import iso_utc


@dataclass
class Subscription:
    id: int
    client_id: str
    callback_url: str
    verify_token: str
    created_at: int

    def to_json(self) -> dict[str, Any]:
        application_id = int(self.client_id) if self.client_id.isdigit() else self.client_id
        return {
            "id": self.id,
            "resource_state": 2,
            "application_id": application_id,
            "callback_url": self.callback_url,
            "created_at": iso_utc(self.created_at),
            "updated_at": iso_utc(self.created_at),
        }


class Subscriptions:
    """At most one subscription per application, as on Strava."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self._by_client: dict[str, Subscription] = {}
            self._next_id = 120000

    def create(self, client_id: str, callback_url: str, verify_token: str, now: float) -> Subscription:
        with self._lock:
            if client_id in self._by_client:
                raise bad_request("PushSubscription", "", "already exists")
            self._next_id += 1
            subscription = Subscription(self._next_id, client_id, callback_url, verify_token, int(now))
            self._by_client[client_id] = subscription
            return subscription

    def of_client(self, client_id: str) -> Subscription | None:
        with self._lock:
            return self._by_client.get(client_id)

    def delete(self, client_id: str, subscription_id: int) -> bool:
        with self._lock:
            current = self._by_client.get(client_id)
            if current is None or current.id != subscription_id:
                return False
            del self._by_client[client_id]
            return True


def callback_answers(url: str, verify_token: str, timeout: float) -> bool:
    """Strava's validation GET: the callback must echo hub.challenge in time."""
    challenge = secrets.token_urlsafe(16)
    params = {"hub.mode": "subscribe", "hub.verify_token": verify_token, "hub.challenge": challenge}
    started = time.monotonic()
    try:
        response = requests.get(url, params=params, timeout=timeout)
        echoed = response.json().get("hub.challenge") if response.status_code == 200 else None
    except (requests.RequestException, ValueError, AttributeError):
        return False
    return echoed == challenge and time.monotonic() - started <= timeout


@dataclass(frozen=True)
class _Delivery:
    callback_url: str
    event: dict[str, Any]
    copy: int
    attempt: int = 1


class Dispatcher:
    def __init__(self, timeout: float, attempts: int, retry_delay: float, duplicate: bool) -> None:
        self._timeout = timeout
        self._attempts = attempts
        self._retry_delay = retry_delay
        self._copies = 2 if duplicate else 1
        self._queue: queue.Queue[_Delivery | None] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._timers: set[threading.Timer] = set()
        self.reset()

    def start(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="strava-sandbox-webhooks", daemon=True)
                self._thread.start()

    def stop(self) -> None:
        with self._lock:
            thread, self._thread = self._thread, None
            for timer in self._timers:
                timer.cancel()
            self._timers.clear()
        if thread is not None:
            self._queue.put(None)
            thread.join(timeout=self._timeout + 1)

    def reset(self) -> None:
        with self._lock:
            self._events: list[dict[str, Any]] = []
            self._deliveries: list[dict[str, Any]] = []
            self._pending = 0

    def publish(self, callback_url: str, event: dict[str, Any]) -> None:
        with self._lock:
            self._events.append(event)
            self._pending += self._copies
        for copy in range(1, self._copies + 1):
            self._queue.put(_Delivery(callback_url, event, copy))
        self.start()

    def report(self) -> dict[str, Any]:
        with self._lock:
            return {
                "events": list(self._events),
                "deliveries": list(self._deliveries),
                "pending": self._pending,
            }

    def _run(self) -> None:
        while (delivery := self._queue.get()) is not None:
            self._attempt(delivery)

    def _attempt(self, delivery: _Delivery) -> None:
        status, error = self._post(delivery)
        delivered = status == 200
        with self._lock:
            self._deliveries.append({
                "event": delivery.event, "callback_url": delivery.callback_url, "copy": delivery.copy,
                "attempt": delivery.attempt, "status": status, "error": error, "delivered": delivered,
            })  # fmt: skip
            if delivered or delivery.attempt >= self._attempts:
                self._pending -= 1
                return
            retry = _Delivery(delivery.callback_url, delivery.event, delivery.copy, delivery.attempt + 1)
            timer = threading.Timer(self._retry_delay, self._requeue, args=(retry,))
            timer.daemon = True
            self._timers.add(timer)
            timer.start()

    def _requeue(self, delivery: _Delivery) -> None:
        with self._lock:
            self._timers = {t for t in self._timers if t.is_alive() and t is not threading.current_thread()}
        self._queue.put(delivery)

    def _post(self, delivery: _Delivery) -> tuple[int | None, str | None]:
        try:
            response = requests.post(delivery.callback_url, json=delivery.event, timeout=self._timeout)
        except requests.RequestException as error:
            return None, type(error).__name__
        return response.status_code, None
