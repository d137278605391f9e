"""A served process skips Connexion's check of its spec against the OpenAPI schema
(``validate_spec``, off under ``serve``); tests keep it. The skip replaces Connexion 3.3's
private ``Specification._validate_spec`` while the app is built: if an upgrade moves the
check, the first test fails."""

import os

import pytest
from connexion.exceptions import InvalidSpecification
from connexion.spec import Specification

from runnerly_core.app import build_app
from runnerly_core.settings import ServiceSettings

# A schema type OpenAPI does not have: the OpenAPI schema refuses it, routing does not care.
INVALID = """
openapi: 3.0.3
info: {title: invalid, version: "1"}
paths:
  /health/live:
    get:
      operationId: runnerly_core.health.live
      parameters:
        - {name: n, in: query, schema: {type: whole-number}}
      responses: {"200": {description: up}}
"""


@pytest.fixture
def spec(tmp_path):
    path = tmp_path / "openapi.yaml"
    path.write_text(INVALID)
    return path


def test_a_served_process_builds_its_app_without_checking_the_spec(spec):
    settings = ServiceSettings(validate_spec=False)
    app = build_app(__name__, service="spec-test", settings=settings, spec=spec)
    assert app.test_client().get("/health/live").status_code == 200
    assert Specification.__dict__["_validate_spec"].__func__.__qualname__ == "Specification._validate_spec"


def test_by_default_the_spec_is_checked(spec):
    with pytest.raises(InvalidSpecification):
        build_app(__name__, service="spec-test", settings=ServiceSettings(), spec=spec)


def test_serve_turns_the_check_off_for_its_own_service_only(monkeypatch):
    from runnerly_core import cli

    monkeypatch.delenv("RUNNERLY_SPECTEST_VALIDATE_SPEC", raising=False)
    monkeypatch.setattr(cli.os, "execv", lambda *_: None)  # the check is set before the exec
    group = cli.service_group("runnerly-spectest", "tests.apps:create_app()", default_port=1)
    group.main(["serve", "--single-process"], standalone_mode=False)
    assert os.environ.pop("RUNNERLY_SPECTEST_VALIDATE_SPEC") == "false"
