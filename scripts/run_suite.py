"""`make run`: prepare local state, start the suite under honcho, print how to use it.

Embedded defaults: SQLite files and keys under `.run/`, clients registered with the token
dealer on first start (their secrets written to `.run/clients/`, mode 0600), the demo
runner seeded. With `--live-tests` it runs the data service's functional tests against the
started suite, then stops it.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / ".run"
BIN = Path(sys.executable).parent
DEMO_EMAIL = "demo@runnerly.local"
SERVICES = {"tokendealer": 5001, "data": 5002}
DATA_SCOPES = "users:read users:write runs:read runs:write races:read races:write plans:read plans:write"
CLIENTS = {
    # name: (scopes, trusted)
    "developer": ("users:read runs:read runs:write races:read races:write plans:read", False),
    "runnerly-dashboard": (DATA_SCOPES, True),
}


def environment() -> dict[str, str]:
    return {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "RUNNERLY_TOKENDEALER_DATABASE_URL": f"sqlite:///{RUN}/tokendealer.sqlite",
        "RUNNERLY_TOKENDEALER_DATA_DIR": str(RUN / "tokendealer"),
        "RUNNERLY_DATA_DATABASE_URL": f"sqlite:///{RUN}/data.sqlite",
        "RUNNERLY_DATA_LOG_JSON": "false",
        "RUNNERLY_TOKENDEALER_LOG_JSON": "false",
    }


def command(env: dict, *argv: str) -> str:
    result = subprocess.run(argv, env=env, cwd=ROOT, check=True, capture_output=True, text=True)  # noqa: S603
    return result.stdout


def prepare(env: dict) -> dict[str, str]:
    (RUN / "clients").mkdir(parents=True, exist_ok=True)
    command(env, "runnerly-tokendealer", "db", "upgrade")
    command(env, "runnerly-data", "db", "upgrade")
    secrets = {name: ensure_client(env, name, *spec) for name, spec in CLIENTS.items()}
    print(command(env, "runnerly-data", "seed-demo", "--email", DEMO_EMAIL).strip())
    return secrets


def ensure_client(env: dict, name: str, scopes: str, trusted: bool) -> str:
    secret_file = RUN / "clients" / f"{name}.secret"
    if not secret_file.exists():
        argv = [
            "runnerly-tokendealer",
            "client",
            "add",
            name,
            "--scope",
            scopes,
            "--secret-file",
            str(secret_file),
        ]
        if name in command(env, "runnerly-tokendealer", "client", "list"):
            argv.append("--rotate-secret")  # the secret file was lost: issue a new one
        command(env, *argv, *(["--trusted"] if trusted else []))
    return secret_file.read_text().strip()


def start(env: dict) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603
        [str(BIN / "honcho"), "start", "-f", str(ROOT / "Procfile")],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )


def wait_until_ready(timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    for name, port in SERVICES.items():
        while not _ready(port):
            if time.monotonic() > deadline:
                raise SystemExit(f"{name} did not become ready on port {port}")
            time.sleep(0.3)


def _ready(port: int) -> bool:
    try:
        return requests.get(f"http://127.0.0.1:{port}/health/ready", timeout=2).ok
    except requests.RequestException:  # not listening yet, or still booting its workers
        return False


def demo_user_id(secret: str) -> int:
    token = requests.post(
        "http://127.0.0.1:5001/oauth/token",
        auth=("developer", secret),
        timeout=5,
        data={"grant_type": "client_credentials", "audience": "runnerly-data", "scope": "users:read"},
    ).json()["access_token"]
    users = requests.get(
        f"http://127.0.0.1:5002/users?email={DEMO_EMAIL}",
        timeout=5,
        headers={"Authorization": f"Bearer {token}"},
    ).json()
    return users["items"][0]["id"]


def banner(secrets: dict[str, str], user_id: int) -> str:
    secret = secrets["developer"]
    return f"""
Runnerly is running.
  token dealer  http://localhost:5001   (API docs: http://localhost:5001/ui/)
  data service  http://localhost:5002   (API docs: http://localhost:5002/ui/)

Demo runner:   {DEMO_EMAIL} (user id {user_id}), a year of runs
API client:    developer / {secret}
               (secrets of local clients are in .run/clients/)

Try it:
  TOKEN=$(curl -s -u developer:{secret} -d grant_type=client_credentials \\
      -d audience=runnerly-data -d 'scope=runs:read runs:write' \\
      http://localhost:5001/oauth/token \\
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  curl -s -H "Authorization: Bearer $TOKEN" 'http://localhost:5002/users/{user_id}/runs?per_page=5'
  curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
      -d '{{"start_time": "2026-11-20T07:30:00Z", "distance_m": 8000, "moving_time_s": 2640}}' \\
      http://localhost:5002/users/{user_id}/runs

Stop with Ctrl-C.
"""


def live_tests(env: dict, secrets: dict[str, str]) -> int:
    env = {
        **env,
        "RUNNERLY_LIVE_DATA_URL": "http://127.0.0.1:5002",
        "RUNNERLY_LIVE_TOKEN_URL": "http://127.0.0.1:5001/oauth/token",
        "RUNNERLY_LIVE_CLIENT_ID": "runnerly-dashboard",
        "RUNNERLY_LIVE_CLIENT_SECRET": secrets["runnerly-dashboard"],
    }
    argv = [str(BIN / "pytest"), "-q", "-p", "no:cacheprovider"]
    return subprocess.call(argv, cwd=ROOT / "runnerly-data", env=env)  # noqa: S603


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--live-tests", action="store_true", help="run the functional tests, then stop")
    args = parser.parse_args()
    env = environment()
    secrets = prepare(env)
    suite = start(env)
    try:
        wait_until_ready()
        if args.live_tests:
            return live_tests(env, secrets)
        print(banner(secrets, demo_user_id(secrets["developer"])), flush=True)
        return suite.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        if suite.poll() is None:
            os.killpg(suite.pid, signal.SIGTERM)
            suite.wait(timeout=20)


if __name__ == "__main__":
    sys.exit(main())
