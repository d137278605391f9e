"""The dashboard's spec is the web app's contract: valid, and its copies of the data and
training services' schemas (``x-source``) still the same as theirs, so a change there
fails here before it reaches the app."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from zoneinfo import available_timezones

import pytest

import runnerly_data
import runnerly_training
from runnerly_core.spec import load_spec
from runnerly_dashboard.app import SPEC, spec_arguments
from runnerly_dashboard.settings import DashboardSettings
from runnerly_training.app import spec_arguments as training_arguments

RENAMED = {"runnerly-training": {"PlannedRun": "TrainingPlannedRun"}}


@cache
def dashboard_schemas() -> dict:
    return load_spec(SPEC, {**spec_arguments(DashboardSettings()), "token_url": "x"})["components"]["schemas"]


@cache
def source_schemas(service: str) -> dict:
    if service == "runnerly-data":
        path = Path(runnerly_data.__file__).parent / "openapi" / "data.yaml"
        arguments = {"time_zones": sorted(available_timezones())}
    else:
        path = Path(runnerly_training.__file__).parent / "openapi" / "training.yaml"
        arguments = training_arguments()
    return load_spec(path, {**arguments, "token_url": "x"})["components"]["schemas"]


def renamed(schema: dict, renames: dict) -> dict:
    text = json.dumps(schema)
    for old, new in renames.items():
        text = text.replace(f'"#/components/schemas/{old}"', f'"#/components/schemas/{new}"')
    return json.loads(text)


COPIES = [(name, schema["x-source"]) for name, schema in dashboard_schemas().items() if "x-source" in schema]


@pytest.mark.parametrize(("name", "service"), COPIES, ids=[name for name, _ in COPIES])
def test_a_copied_schema_is_still_the_services_own(name, service):
    renames = RENAMED.get(service, {})
    original = {new: old for old, new in renames.items()}.get(name, name)
    ours = {key: value for key, value in dashboard_schemas()[name].items() if key != "x-source"}

    assert ours == renamed(source_schemas(service)[original], renames)


def test_every_operation_documents_its_errors_as_problems(connexion_app):
    spec = load_spec(SPEC, {**spec_arguments(DashboardSettings()), "token_url": "x"})
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if path.startswith("/api/") and method in {"get", "post", "put", "patch", "delete"}:
                errors = [status for status in operation["responses"] if status.startswith(("4", "5"))]
                assert errors, f"{method.upper()} {path} documents no error"


def test_the_spec_is_served(webtest):
    spec = webtest.get("/openapi.json").json
    assert spec["info"]["title"].startswith("Runnerly dashboard")


def test_the_spec_command_writes_the_rendered_spec_the_web_apps_types_come_from(tmp_path):
    from click.testing import CliRunner

    from runnerly_dashboard.cli import main

    out = tmp_path / "openapi.json"
    result = CliRunner().invoke(main, ["spec", "--output", str(out)])

    assert result.exit_code == 0, result.output
    written = json.loads(out.read_text())
    assert "/health/ready" in written["paths"], "runnerly-core's shared paths are included"
    assert written["components"]["schemas"]["Problem"]["properties"]["errors"]
    unauthorized = written["components"]["responses"]["Unauthorized"]["description"]
    assert unauthorized == "Not logged in, or the session has ended.", "the dashboard's own 401"
