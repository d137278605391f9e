"""Connexion's per-operation decorators are built once, not on every request
(runnerly_core.operations); what they do per request (parameters, responses) is unchanged.

The CPU this saves is measured by ``make bench``; these tests hold the structure that
gives it, and the private Connexion attribute it relies on."""

from importlib.metadata import version

import connexion
import pytest
from connexion.apps.flask import FlaskOperation
from connexion.decorators import FlaskDecorator

from runnerly_core.app import build_app
from runnerly_core.settings import ServiceSettings

SPEC = """
openapi: 3.0.3
info: {title: operations test, version: "1"}
paths:
  /runs/{run_id}:
    get:
      operationId: tests.test_operations.get_run
      parameters:
        - {name: run_id, in: path, required: true, schema: {type: integer}}
        - {name: perPage, in: query, schema: {type: integer, default: 20, maximum: 50}}
      responses:
        "200": {description: the run}
"""


def get_run(run_id, per_page):
    return {"run_id": run_id, "per_page": per_page}, 200, {"ETag": f'"{run_id}"'}


@pytest.fixture
def app(tmp_path):
    spec = tmp_path / "openapi.yaml"
    spec.write_text(SPEC)
    return build_app(__name__, service="operations-test", settings=ServiceSettings(), spec=spec)


def test_connexion_still_serves_operations_as_flask_operations_with_their_handler():
    """decorate_once reads ``FlaskOperation._fn`` (private, Connexion 3.3): if an upgrade
    moves it, this fails before the services silently lose the saving."""
    assert version("connexion").startswith("3.3."), "re-check runnerly_core.operations, then this test"
    operation = FlaskOperation(fn=get_run, jsonifier=None, operation_id="x", pythonic_params=True)
    assert operation._fn is get_run
    assert isinstance(connexion.FlaskApp(__name__)._middleware_app.add_api, type(operation.__call__))


def test_every_operation_is_decorated_once_and_answers_as_before(app, monkeypatch):
    built = []
    decorate = FlaskDecorator.decorate
    monkeypatch.setattr(FlaskDecorator, "decorate", lambda self, fn: built.append(fn) or decorate(self, fn))
    client = app.test_client()
    answers = [client.get(f"/runs/{n}", params={"perPage": 5}) for n in (1, 2, 3)]
    assert [answer.json() for answer in answers] == [{"run_id": n, "per_page": 5} for n in (1, 2, 3)]
    assert answers[0].headers["etag"] == '"1"'
    assert len(built) == 1  # at start, not per request
    views = app.app.view_functions
    (view,) = [view for endpoint, view in views.items() if endpoint.endswith("get_run")]
    assert view.runnerly_decorated_once
    assert not any(isinstance(view, FlaskOperation) for view in views.values())


def test_connexion_still_validates_the_parameters(app):
    answer = app.test_client().get("/runs/1", params={"perPage": 51})
    assert answer.status_code == 400
    assert answer.headers["content-type"] == "application/problem+json"


def test_the_security_function_carries_its_signature_for_connexions_per_request_check():
    """Connexion inspects ``x-tokenInfoFunc``'s signature on every request; a precomputed
    ``__signature__`` (what ``inspect.signature`` returns first) spares the work."""
    import inspect

    from connexion.security import AbstractSecurityHandler

    from runnerly_core.auth import token_info

    assert "__signature__" in vars(token_info)
    assert list(inspect.signature(token_info).parameters) == ["token", "request"]
    assert AbstractSecurityHandler._accepts_kwarg(token_info, "request")
    assert not AbstractSecurityHandler._accepts_kwarg(token_info, "required_scopes")
