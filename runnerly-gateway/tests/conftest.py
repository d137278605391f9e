"""The gateway's test session: real nginx on free ports, in front of small echo upstreams and
the real data service (served by uvicorn in a thread)."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # render.py

from servers import HASHED_ASSET, EchoServer, Gateway, free_port, require_nginx

UPSTREAMS = ("dashboard", "tokendealer", "strava", "training", "import", "sandbox")
LUA_PROBES = Path(__file__).resolve().parent / "lua_probes.conf"
# Generous limits: the routing, WAF and header tests must never meet a 429.
ROOMY = {
    "RATE_ADDRESS": "1000r/s",
    "BURST_ADDRESS": "1000",
    "RATE_SUBJECT": "1000r/s",
    "BURST_SUBJECT": "1000",
    "RATE_AUTH": "1000r/s",
    "BURST_AUTH": "1000",
}


@pytest.fixture(scope="session", autouse=True)
def _nginx():
    require_nginx()


@pytest.fixture(scope="session")
def workdir():
    """Where rendered configurations and the SPA live: readable by nginx's workers, which
    drop root for an unprivileged user (pytest's own temporary directories are 0700)."""
    path = Path(tempfile.mkdtemp(prefix="runnerly-gateway-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def fresh_dir(workdir):
    def make(prefix: str) -> Path:
        path = Path(tempfile.mkdtemp(prefix=prefix, dir=workdir))
        path.chmod(0o755)
        return path

    return make


@pytest.fixture(scope="session")
def upstreams():
    servers = {name: EchoServer(name) for name in UPSTREAMS}
    yield servers
    for server in servers.values():
        server.stop()


@pytest.fixture(scope="session")
def spa_dist(workdir) -> Path:
    """A built SPA as Vite lays it out: index.html and hashed assets."""
    dist = workdir / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(
        f'<!doctype html><html><head><script type="module" src="{HASHED_ASSET}"></script></head>'
        '<body><div id="root"></div></body></html>\n'
    )
    (dist / HASHED_ASSET.lstrip("/")).write_text("export const app = 'runnerly';\n" * 200)
    (dist / "favicon.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    return dist


@pytest.fixture(scope="session")
def data_service(tmp_path_factory):
    """The real data service under uvicorn, with a test token issuer."""
    from data_service import serve_data_service

    server = serve_data_service(tmp_path_factory.mktemp("data"), free_port())
    yield server
    server.stop()


def gateway_settings(upstreams, spa_dist, data_address: str, **overrides: str) -> dict[str, str]:
    addresses = {f"{name.upper()}_UPSTREAM": server.address for name, server in upstreams.items()}
    return {
        **addresses,
        "DATA_UPSTREAM": data_address,
        "SPA_ROOT": str(spa_dist),
        "WAF": "on",
        "EXTRA_SERVER_CONF": str(LUA_PROBES),
        **ROOMY,
        **overrides,
    }


@pytest.fixture(scope="session")
def gateway(workdir, upstreams, spa_dist, data_service):
    settings = gateway_settings(upstreams, spa_dist, data_service.address)
    gateway = Gateway(workdir / "gateway", **settings)
    yield gateway
    gateway.stop()


@pytest.fixture
def make_gateway(fresh_dir, upstreams, spa_dist, data_service):
    """A gateway of the test's own, with some settings changed (stopped after the test)."""
    started = []

    def make(**overrides: str) -> Gateway:
        settings = gateway_settings(upstreams, spa_dist, data_service.address, **overrides)
        started.append(Gateway(fresh_dir("gateway-"), **settings))
        return started[-1]

    yield make
    for gateway in started:
        gateway.stop()
