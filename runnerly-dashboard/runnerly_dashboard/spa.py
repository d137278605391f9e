"""The web app's built files (``frontend/dist``), served until the gateway serves them.

Any path outside the API that names no file gets ``index.html``, so the app's own routes
(``/confirm?token=…`` from a mail, ``/runs/12``) load the app, which then routes itself.
"""

from __future__ import annotations

from flask import Flask, abort, send_from_directory

from runnerly_dashboard.settings import DashboardSettings

NOT_THE_APP = ("api/", "health/", "metrics", "ui/", "openapi.json")
# Vite names built assets by content hash: they never change under the same name.
ASSET_MAX_AGE = 365 * 86400


def init_spa(flask_app: Flask, settings: DashboardSettings) -> None:
    directory = settings.app_dir
    if directory is None or not (directory / "index.html").is_file():
        return

    def serve(path: str = ""):
        if path.startswith(NOT_THE_APP):
            abort(404)
        if path and (directory / path).is_file():
            max_age = ASSET_MAX_AGE if path.startswith("assets/") else 0
            return send_from_directory(directory, path, max_age=max_age)
        return send_from_directory(directory, "index.html", max_age=0)

    flask_app.add_url_rule("/", "spa_index", serve)
    flask_app.add_url_rule("/<path:path>", "spa", serve)
