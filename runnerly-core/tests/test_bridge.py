"""Flask runs on the event loop's thread unless a pool is asked for (runnerly_core.bridge).

The speed this buys (no thread hop per request, no GIL contention between the loop and ten
pool threads) is measured by ``make bench`` (benchmarks/list_runs.py); these tests hold the
structure that gives it, and the private Connexion attribute it relies on.
"""

import asyncio
import threading
from importlib.metadata import version

import a2wsgi
import connexion
import pytest
from connexion.apps.flask import FlaskASGIApp

from runnerly_core.app import build_app
from runnerly_core.bridge import InlineWSGIBridge
from runnerly_core.settings import ServiceSettings

SPEC = """
openapi: 3.0.3
info: {title: bridge test, version: "1"}
paths:
  /where:
    get:
      operationId: tests.test_bridge.where_am_i
      parameters:
        - {name: n, in: query, required: true, schema: {type: integer, maximum: 5}}
      responses:
        "200": {description: the thread that served the request}
  /echo:
    post:
      operationId: tests.test_bridge.echo
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, required: [word], properties: {word: {type: string, maxLength: 9}}}
      responses:
        "200": {description: the word}
"""


def where_am_i(n):
    try:
        asyncio.get_running_loop()
        on_loop = True
    except RuntimeError:
        on_loop = False
    return {"n": n, "on_event_loop": on_loop, "thread": threading.current_thread().name}


def echo(body):
    return {"word": body["word"]}


def _client(tmp_path, **settings):
    spec = tmp_path / "openapi.yaml"
    spec.write_text(SPEC)
    app = build_app(__name__, service="bridge-test", settings=ServiceSettings(**settings), spec=spec)
    return app, app.test_client()


def test_connexion_still_keeps_its_bridge_where_build_app_replaces_it():
    """build_app swaps ``FlaskASGIApp.asgi_app``, a private attribute of Connexion 3.3: if an
    upgrade renames or rebuilds it, this fails before the services silently lose the bridge."""
    assert version("connexion").startswith("3.3."), "re-check runnerly_core.bridge, then this test"
    middleware_app = connexion.FlaskApp(__name__)._middleware_app
    assert isinstance(middleware_app, FlaskASGIApp)
    assert isinstance(middleware_app.asgi_app, a2wsgi.WSGIMiddleware)
    assert middleware_app.asgi_app.app == middleware_app.app.wsgi_app


def test_it_serves_flask_on_the_event_loops_thread_by_default(tmp_path):
    app, client = _client(tmp_path)
    response = client.get("/where", params={"n": 3})
    assert response.status_code == 200
    assert response.json() == {"n": 3, "on_event_loop": True, "thread": response.json()["thread"]}
    assert isinstance(app._middleware_app.asgi_app, InlineWSGIBridge)


def test_it_serves_flask_from_a_pool_of_the_configured_size(tmp_path):
    app, client = _client(tmp_path, wsgi_threads=3)
    response = client.get("/where", params={"n": 1})
    assert response.json()["on_event_loop"] is False
    assert response.json()["thread"].startswith("WSGI")
    assert app._middleware_app.asgi_app.executor._max_workers == 3


@pytest.mark.parametrize("threads", [0, 2])
def test_connexion_still_validates_before_flask_runs(tmp_path, threads):
    _, client = _client(tmp_path, wsgi_threads=threads)
    too_big = client.get("/where", params={"n": 6})
    too_long = client.post("/echo", json={"word": "x" * 10})
    assert too_big.status_code == too_long.status_code == 400
    assert too_big.headers["content-type"] == "application/problem+json"
    assert "6 is greater than the maximum of 5" in too_big.json()["detail"]


def test_it_hands_the_request_body_to_flask_and_the_answer_back(tmp_path):
    _, client = _client(tmp_path)
    response = client.post("/echo", json={"word": "tempo"}, headers={"X-Request-ID": "abc-123"})
    assert response.status_code == 200
    assert response.json() == {"word": "tempo"}
    assert response.headers["x-request-id"] == "abc-123"


def test_it_refuses_a_negative_thread_count():
    with pytest.raises(ValueError, match="wsgi_threads"):
        ServiceSettings(wsgi_threads=-1)
