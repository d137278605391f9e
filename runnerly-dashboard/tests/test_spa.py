"""The built web app is served at / until the gateway serves it: the app's own routes (the
mailed links) load ``index.html``; the API's paths never do."""

from __future__ import annotations

import webtest
from flask import Flask

from runnerly_dashboard.settings import DashboardSettings
from runnerly_dashboard.spa import init_spa


def app_serving(tmp_path) -> webtest.TestApp:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>Runnerly</title>")
    (tmp_path / "assets" / "main-1a2b.js").write_text("console.log(1)")
    flask_app = Flask(__name__)
    init_spa(flask_app, DashboardSettings(environment="test", app_dir=tmp_path))
    return webtest.TestApp(flask_app)


def test_a_mailed_link_loads_the_app(tmp_path):
    app = app_serving(tmp_path)

    page = app.get("/confirm?token=abc")

    assert "<title>Runnerly</title>" in page.text
    assert "no-cache" in page.headers["Cache-Control"]


def test_hashed_assets_are_cached_for_long(tmp_path):
    asset = app_serving(tmp_path).get("/assets/main-1a2b.js")

    assert "max-age=31536000" in asset.headers["Cache-Control"]


def test_an_unknown_api_path_is_not_answered_with_the_app(tmp_path):
    app = app_serving(tmp_path)

    app.get("/api/nothing-here", status=404)
    app.get("/health/nothing", status=404)


def test_without_a_built_app_nothing_is_served_at_the_root(tmp_path):
    flask_app = Flask(__name__)
    init_spa(flask_app, DashboardSettings(environment="test", app_dir=tmp_path))

    webtest.TestApp(flask_app).get("/", status=404)
