"""The real data service behind the gateway: migrated database, uvicorn in a thread,
tokens from a test issuer."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from runnerly_core.db import upgrade
from runnerly_core.testing import TestIssuer, fresh_database_url
from runnerly_data.app import create_app
from runnerly_data.cli import MIGRATIONS
from runnerly_data.settings import SERVICE, DataSettings

RUNNER_SCOPES = "users:read runs:read runs:write"


@dataclass
class DataService:
    server: uvicorn.Server
    thread: threading.Thread
    port: int
    issuer: TestIssuer

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def service_headers(self, scope: str) -> dict[str, str]:
        token = self.issuer.service_token("runnerly-dashboard", audience=SERVICE, scope=scope)
        return {"Authorization": f"Bearer {token}"}

    def runner_headers(self, user_id: int) -> dict[str, str]:
        token = self.issuer.user_token(user_id, audience=SERVICE, scope=RUNNER_SCOPES)
        return {"Authorization": f"Bearer {token}"}

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def serve_data_service(tmp_dir: Path, port: int) -> DataService:
    issuer = TestIssuer()
    database_url = fresh_database_url("gateway-data", tmp_dir)
    upgrade(database_url, MIGRATIONS)
    settings = DataSettings(
        environment="test", database_url=database_url, token_issuer=issuer.issuer, log_json=False
    )
    app = create_app(settings)
    issuer.trusted_by(app)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the data service did not start")
        time.sleep(0.05)
    return DataService(server, thread, port, issuer)
