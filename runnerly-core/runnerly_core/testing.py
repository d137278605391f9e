"""Test support shared by the services' suites (installed with the ``testing`` extra).

- :class:`TestIssuer` signs tokens with a throwaway RSA key and serves its JWKS, so a
  service verifies test tokens exactly as it verifies the token dealer's.
- :func:`test_database_url` gives each service suite its own, freshly created database
  (PostgreSQL when ``RUNNERLY_TEST_DATABASE_URL`` is set, else a SQLite file).
- :func:`load_hypothesis_profile` makes property and contract tests reproducible in CI.
- :func:`webtest_app` drives a Connexion app in-process through an ASGI-to-WSGI adapter,
  or a live deployment through WSGIProxy2 when ``live_url`` is given.
- :func:`metric_samples` and :func:`metric_value` read a ``/metrics`` exposition.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from contextlib import contextmanager
from functools import cached_property

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.engine import URL

from runnerly_core.auth import SERVICE, USER, VERIFIER_KEY, TokenVerifier
from runnerly_core.db import Database
from runnerly_core.jwks import JwksCache


class TestIssuer:
    """Mints RS256 tokens the way the token dealer does, with a key made for the tests."""

    __test__ = False  # not a pytest test class

    def __init__(self, issuer: str = "http://tokendealer.test", kid: str = "test-key") -> None:
        self.issuer = issuer
        self.kid = kid

    @cached_property
    def private_key(self) -> rsa.RSAPrivateKey:
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def jwks(self) -> dict:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.private_key.public_key()))
        return {"keys": [{**jwk, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    def claims(
        self, *, audience: str, scope: str, sub: str, client_id: str, ttl: int = 300, subject_type: str = USER
    ) -> dict:
        """A token's claims; ``subject_type`` says whose it is (a user's unless told)."""
        now = int(time.time())
        return {
            "iss": self.issuer,
            "aud": audience,
            "sub": sub,
            "subject_type": subject_type,
            "client_id": client_id,
            "scope": scope,
            "iat": now,
            "exp": now + ttl,
            "jti": uuid.uuid4().hex,
        }

    def sign(self, claims: dict, headers: dict | None = None, key=None) -> str:
        return jwt.encode(
            claims, key or self.private_key, algorithm="RS256", headers={"kid": self.kid, **(headers or {})}
        )

    def user_token(self, user_id: int, *, audience: str, scope: str) -> str:
        return self.sign(
            self.claims(audience=audience, scope=scope, sub=str(user_id), client_id="runnerly-dashboard")
        )

    def service_token(self, client_id: str, *, audience: str, scope: str) -> str:
        claims = self.claims(
            audience=audience, scope=scope, sub=client_id, client_id=client_id, subject_type=SERVICE
        )
        return self.sign(claims)

    def verifier(self, audience: str, **options) -> TokenVerifier:
        """A verifier that trusts this issuer, its keys already loaded."""
        keys = JwksCache(self.jwks, refresh_interval=3600, min_refresh=0)
        keys.refresh()
        return TokenVerifier(issuer=self.issuer, audience=audience, keys=keys, **options)

    def trusted_by(self, connexion_app) -> None:
        """Make ``connexion_app`` (built by ``build_app``) verify this issuer's tokens."""
        current = connexion_app.app.extensions[VERIFIER_KEY]
        connexion_app.app.extensions[VERIFIER_KEY] = self.verifier(
            current.audience, leeway=current.leeway, max_lifetime=current.max_lifetime
        )


def require_in_ci(what: str) -> None:
    """Outside CI a missing service may skip a test; in CI it must fail the run loudly."""
    if os.environ.get("CI"):
        raise RuntimeError(f"CI is set but {what} is not available: refusing to skip")


def migration_differences(engine, metadata) -> list:
    """What Alembic's autogenerate would still change: empty when the migrated database and
    the models describe the same schema."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), metadata)


def load_hypothesis_profile(**overrides) -> None:
    """Random examples on a developer's machine, the same examples on every CI run.

    Locally each run explores new inputs, which is how property tests find bugs; in CI a
    derandomized run cannot fail one day and pass the next on unchanged code. Deadlines
    are off everywhere: a shared, noisy machine would turn them into flaky failures.
    """
    from hypothesis import settings

    in_ci = bool(os.environ.get("CI"))
    settings.register_profile("runnerly", deadline=None, derandomize=in_ci, print_blob=True, **overrides)
    settings.load_profile("runnerly")


TEST_BROKER_URL = os.environ.get("RUNNERLY_TEST_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
# What the services' settings read too (``events_exchange``): the suite's own exchange.
TEST_EXCHANGE = os.environ.get("RUNNERLY_EVENTS_EXCHANGE", "runnerly.events")


def broker_or_skip(url: str = TEST_BROKER_URL):
    """A connection to the test RabbitMQ; without one, skip the test (fail it in CI)."""
    import pytest

    from runnerly_core.events import connect

    connection = connect(url)
    try:
        connection.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:  # noqa: BLE001 — any failure to connect means "no broker here"
        connection.release()
        require_in_ci(f"RabbitMQ at {url} ({error})")
        pytest.skip(f"no RabbitMQ at {url}")
    return connection


@contextmanager
def events_received(*event_types: str, prefix: str = "test"):
    """Listens on a queue of its own, bound to ``event_types`` on the suite's exchange, and
    yields a function that returns the events received so far (waiting a second for more)."""
    from kombu import Consumer

    from runnerly_core import events

    connection = broker_or_skip()
    queue = events.durable_queue(f"{prefix}-{uuid.uuid4().hex}", *event_types, exchange_name=TEST_EXCHANGE)
    bound = queue(connection.default_channel)
    bound.declare()

    def drain() -> list[dict]:
        received = []
        with Consumer(connection, queues=[queue], callbacks=[lambda b, m: (received.append(b), m.ack())]):
            while True:
                try:
                    connection.drain_events(timeout=1)
                except TimeoutError:
                    return received

    try:
        yield drain
    finally:
        bound.delete()
        connection.release()


def fresh_database_url(service: str, tmp_dir) -> str:
    """A fresh, empty database for one service's test session: PostgreSQL from
    ``RUNNERLY_TEST_DATABASE_URL``, or a SQLite file when it is ``sqlite`` (asked for) or
    unset (outside CI only)."""
    base = os.environ.get("RUNNERLY_TEST_DATABASE_URL", "")
    if not base:
        require_in_ci("RUNNERLY_TEST_DATABASE_URL (PostgreSQL)")
    if base in ("", "sqlite"):
        return f"sqlite:///{tmp_dir}/{service}.sqlite"
    url = make_url(base)
    # A suffix keeps suites run side by side (several work trees, one server) apart.
    suffix = os.environ.get("RUNNERLY_TEST_DATABASE_SUFFIX", "")
    name = f"{service.replace('-', '_')}_test{suffix}"
    _recreate_postgres_database(url, name)
    return url.set(database=name).render_as_string(hide_password=False)


def _recreate_postgres_database(url: URL, name: str) -> None:
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()


@contextmanager
def rolled_back(database: Database):
    """Everything a test writes through ``database`` is rolled back when it ends."""
    connection = database.engine.connect()
    transaction = connection.begin()
    database.bind(connection)
    try:
        yield connection
    finally:
        database.unbind()
        transaction.rollback()
        connection.close()


def webtest_app(connexion_app=None, live_url: str | None = None):
    """A WebTest ``TestApp`` for in-process tests, or for a live server at ``live_url``."""
    import webtest

    if live_url:
        return webtest.TestApp(live_url)
    from a2wsgi import ASGIMiddleware

    return webtest.TestApp(ASGIMiddleware(connexion_app))


def unbounded_inputs(spec: dict) -> list[str]:
    """Where a request body of ``spec`` admits unbounded input: a string without
    ``maxLength`` (or ``enum``), an array without ``maxItems``, an object open to any
    property without ``maxProperties``. Empty when every field is bounded."""
    found = []
    for template, method, operation in _operations(spec):
        for media, content in operation.get("requestBody", {}).get("content", {}).items():
            where = f"{method} {template} ({media})"
            found += _unbounded(spec, content.get("schema", {}), where, seen=frozenset())
    return sorted(set(found))


def _operations(spec: dict):
    from runnerly_core.allow import HTTP_METHODS

    for template, item in spec["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield template, method.upper(), operation


def _resolve(spec: dict, schema: dict) -> dict:
    while "$ref" in schema:
        node = spec
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def _unbounded(spec: dict, schema: dict, where: str, seen: frozenset) -> list[str]:
    if "$ref" in schema:
        if schema["$ref"] in seen:
            return []
        seen = seen | {schema["$ref"]}
    schema = _resolve(spec, schema)
    found = []
    for part in schema.get("allOf", []) + schema.get("oneOf", []) + schema.get("anyOf", []):
        found += _unbounded(spec, part, where, seen)
    kind = schema.get("type")
    if kind == "string" and "maxLength" not in schema and "enum" not in schema:
        found.append(f"{where}: a string without maxLength")
    elif kind == "array":
        if "maxItems" not in schema:
            found.append(f"{where}: an array without maxItems")
        found += _unbounded(spec, schema.get("items", {}), f"{where}[]", seen)
    elif kind == "object" or "properties" in schema:
        found += _unbounded_object(spec, schema, where, seen)
    return found


def _unbounded_object(spec: dict, schema: dict, where: str, seen: frozenset) -> list[str]:
    found = []
    for name, child in schema.get("properties", {}).items():
        found += _unbounded(spec, child, f"{where}.{name}", seen)
    extra = schema.get("additionalProperties", True)
    if extra is False:
        return found
    if "maxProperties" not in schema:
        found.append(f"{where}: an object open to any property without maxProperties")
    if isinstance(extra, dict):
        found += _unbounded(spec, extra, f"{where}.*", seen)
    elif "maxProperties" in schema:
        found.append(f"{where}: an object whose extra properties may hold anything")
    return found


def operations_without_413(spec: dict) -> list[str]:
    """Operations with a request body that do not document their 413 answer."""
    return sorted(
        f"{method} {template}"
        for template, method, operation in _operations(spec)
        if "requestBody" in operation and "413" not in operation["responses"]
    )


def stream_request(app, method: str, path: str, chunks, headers: dict | None = None) -> dict:
    """Drive the ASGI ``app`` with a body sent as ``chunks`` (chunked, no Content-Length,
    unless ``headers`` declare one), the way a server streams it. Returns the answer's
    ``status``, ``headers`` and ``body``, and ``bytes_read``: how much of the body the app
    pulled before answering."""
    import asyncio

    pending = iter(chunks)
    answer = {"bytes_read": 0, "body": b""}

    async def receive():
        chunk = next(pending, None)
        if chunk is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        answer["bytes_read"] += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message):
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
            answer["headers"] = {k.decode().lower(): v.decode() for k, v in message.get("headers", [])}
        elif message["type"] == "http.response.body":
            answer["body"] += message.get("body", b"")

    raw_headers = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"testserver"), *raw_headers],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
    }
    asyncio.run(app(scope, receive, send))
    return answer


# Schemathesis' default refusals of schema-violating data, plus 413: an oversized request
# is refused by its size before validation sees it (runnerly_core.limits).
NEGATIVE_DATA_REJECTED = [
    "400",
    "401",
    "403",
    "404",
    "405",
    "406",
    "409",
    "413",
    "415",
    "422",
    "428",
    "429",
    "5xx",
]


def contract_config(**options):
    """The schemathesis configuration of the suites' contract tests; ``options`` add to it."""
    from schemathesis.config import SchemathesisConfig

    checks = {"negative_data_rejection": {"expected-statuses": NEGATIVE_DATA_REJECTED}}
    return SchemathesisConfig.from_dict({"checks": checks, **options})


def metric_samples(exposition: str) -> dict[tuple[str, tuple], float]:
    """A Prometheus exposition as ``{(sample name, sorted (label, value) pairs): value}``."""
    from prometheus_client.parser import text_string_to_metric_families

    found = {}
    for family in text_string_to_metric_families(exposition):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def metric_value(exposition: str, name: str, **labels: str) -> float | None:
    """The value of the sample ``name`` with exactly ``labels``; None when it is absent."""
    return metric_samples(exposition).get((name, tuple(sorted(labels.items()))))
