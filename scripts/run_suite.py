"""`make run`: prepare local state, start the suite under supervisord, print how to use it.

Embedded defaults: SQLite files and keys under `.run/`, clients registered with the token
dealer on first start (their secrets written to `.run/clients/`, mode 0600), the demo
runner seeded. With `--live-tests` it runs the data service's functional tests against the
started suite, then stops it.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import requests

from runnerly_core.brokers import LOCAL_RABBITMQ, choose_broker, rabbitmq_answers

ROOT = Path(__file__).resolve().parent.parent
# Local state; a test that starts its own suite (tests/attacks, loadtest/) points it elsewhere.
RUN = Path(os.environ.get("RUNNERLY_RUN_DIR") or ROOT / ".run")
BIN = Path(sys.executable).parent
DEMO_EMAIL = "demo@runnerly.local"
STRAVA_DEMO_EMAIL = "strava-demo@runnerly.local"
READY = {  # where each process says it can serve
    "tokendealer": "http://127.0.0.1:5001/health/ready",
    "data": "http://127.0.0.1:5002/health/ready",
    "strava": "http://127.0.0.1:5003/health/ready",
    "training": "http://127.0.0.1:5004/health/ready",
    "dashboard": "http://127.0.0.1:5000/health/ready",
    "import": "http://127.0.0.1:5005/health/ready",
    "sandbox": "http://127.0.0.1:5090/_sandbox/athletes",
}
MIGRATED = ("tokendealer", "data", "strava", "training", "dashboard", "import")
DATA_SCOPES = "users:read users:write runs:read runs:write races:read races:write plans:read plans:write"
CLIENTS = {
    # name: (scopes, trusted)
    "developer": (
        "users:read runs:read runs:write races:read races:write plans:read plans:write "
        "fitness:read load:read strava:read imports:read imports:write",
        False,
    ),
    "runnerly-dashboard": (
        f"{DATA_SCOPES} fitness:read load:read strava:link strava:read strava:login "
        "imports:read imports:write",
        True,
    ),
    "runnerly-strava": ("runs:read runs:write users:read", False),
    "runnerly-training": ("users:read runs:read races:read plans:read plans:write", False),
    "runnerly-import": ("runs:read runs:write", False),
}
STRAVA_APP_ID = "12345"
GATEWAY = "http://localhost:8080"


def environment() -> dict[str, str]:
    clients = RUN / "clients"
    strava_app_secret = _local_secret(RUN / "strava-app.secret")
    return {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        **{f"RUNNERLY_{name.upper()}_LOG_JSON": "false" for name in MIGRATED},
        **{f"RUNNERLY_{name.upper()}_DATABASE_URL": f"sqlite:///{RUN}/{name}.sqlite" for name in MIGRATED},
        "RUNNERLY_TOKENDEALER_DATA_DIR": str(RUN / "tokendealer"),
        # The Strava sandbox and the Strava service share the sandbox app's credentials.
        "RUNNERLY_STRAVA_SANDBOX_CLIENT_ID": STRAVA_APP_ID,
        "RUNNERLY_STRAVA_SANDBOX_CLIENT_SECRET": strava_app_secret,
        # Its admin API rewrites athletes' data: even on one machine it wants a token.
        "RUNNERLY_STRAVA_SANDBOX_ADMIN_TOKEN": _local_secret(RUN / "sandbox-admin.secret"),
        "RUNNERLY_STRAVA_CLIENT_ID": STRAVA_APP_ID,
        "RUNNERLY_STRAVA_CLIENT_SECRET": strava_app_secret,
        "RUNNERLY_STRAVA_DEV_SECRETS_FILE": str(RUN / "strava-dev-secrets.json"),
        "RUNNERLY_STRAVA_BROKER_URL": choose_broker("", RUN / "strava-broker.sqlite"),
        "RUNNERLY_STRAVA_SUITE_CLIENT_ID": "runnerly-strava",
        "RUNNERLY_STRAVA_SUITE_CLIENT_SECRET_FILE": str(clients / "runnerly-strava.secret"),
        # Runs typed in through the data API are announced to the training service.
        "RUNNERLY_DATA_BROKER_URL": LOCAL_RABBITMQ if rabbitmq_answers() else "",
        "RUNNERLY_TRAINING_CLIENT_ID": "runnerly-training",
        "RUNNERLY_TRAINING_CLIENT_SECRET_FILE": str(clients / "runnerly-training.secret"),
        "RUNNERLY_DASHBOARD_CLIENT_SECRET_FILE": str(clients / "runnerly-dashboard.secret"),
        "RUNNERLY_DASHBOARD_DEV_SECRET_FILE": str(RUN / "dashboard-dev-secret"),
        "RUNNERLY_DASHBOARD_MAIL_SINK_DIR": str(RUN / "mail"),
        "RUNNERLY_IMPORT_CLIENT_ID": "runnerly-import",
        "RUNNERLY_IMPORT_CLIENT_SECRET_FILE": str(clients / "runnerly-import.secret"),
        # The import service and its worker share one broker: RabbitMQ, else a SQLite file.
        "RUNNERLY_IMPORT_BROKER_URL": choose_broker("", RUN / "import-broker.sqlite"),
        "RUNNERLY_GATEWAY_ACCESS_LOG": str(RUN / "gateway" / "access.log"),
        # One nginx worker is plenty for one developer, and keeps the stack under 1 GB.
        "RUNNERLY_GATEWAY_WORKER_PROCESSES": "1",
    }


def _local_secret(path: Path) -> str:
    """A random secret made on first run and kept in .run/ (mode 0600)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(32))
    return path.read_text().strip()


def command(env: dict, *argv: str) -> str:
    result = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True)  # noqa: S603
    if result.returncode:
        raise SystemExit(f"{' '.join(argv)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def prepare(env: dict) -> dict[str, str]:
    (RUN / "clients").mkdir(parents=True, exist_ok=True)
    command(env, "runnerly-tokendealer", "db", "upgrade")
    # Clients first: the other services read their secrets from the files this writes.
    client_secrets = {name: ensure_client(env, name, *spec) for name, spec in CLIENTS.items()}
    for name in MIGRATED[1:]:
        command(env, f"runnerly-{name}", "db", "upgrade")
    print(command(env, "runnerly-data", "seed-demo", "--email", DEMO_EMAIL).strip())
    return client_secrets


def ensure_client(env: dict, name: str, scopes: str, trusted: bool) -> str:
    secret_file = RUN / "clients" / f"{name}.secret"
    if not secret_file.exists() or _registered_scopes(env, name) not in (None, set(scopes.split())):
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
            argv.append("--rotate-secret")  # secret file lost, or scopes changed: re-register
        command(env, *argv, *(["--trusted"] if trusted else []))
    return secret_file.read_text().strip()


def _registered_scopes(env: dict, name: str) -> set[str] | None:
    """The scopes a client is registered with (None: not registered); a client whose
    scopes changed since an earlier run is registered again."""
    for line in command(env, "runnerly-tokendealer", "client", "list").splitlines()[1:]:
        fields = line.split()
        if fields and fields[0] == name:  # name, trusted, revoked, scopes / audiences
            return set(line.split(None, 3)[3].split(" / ")[0].split())
    return None


def gateway_unavailable(env: dict) -> str | None:
    """Why the gateway cannot run here (nginx with the Lua module missing), else None."""
    argv = [str(BIN / "python"), "runnerly-gateway/render.py", "check"]
    answer = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True)  # noqa: S603
    return answer.stdout.strip() if answer.returncode else None


def ports_taken(without_gateway: bool) -> list[int]:
    """The suite's fixed ports that something already listens on (another `make run`, or
    `make test`'s end-to-end suite): starting over them would test the other suite."""
    ports = [int(port) for port in re.findall(r"--port (\d+)", (ROOT / "Procfile").read_text())]
    taken = []
    for port in ports + ([] if without_gateway else [int(GATEWAY.rsplit(":", 1)[1])]):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                taken.append(port)
    return taken


def procfile(without_gateway: bool) -> dict[str, str]:
    """The Procfile's processes (name: command), less the gateway when it cannot run."""
    entries = {}
    for line in (ROOT / "Procfile").read_text().splitlines():
        if ":" in line and not line.lstrip().startswith("#"):
            name, command_line = line.split(":", 1)
            entries[name.strip()] = command_line.strip()
    if without_gateway:
        entries.pop("gateway", None)
    return entries


def supervisor_config(processes: dict[str, str]) -> str:
    """supervisord's configuration for the Procfile's processes. supervisord runs them
    without a wrapper per process (honcho forked a 15 MB Python child for each, about
    300 MB in all: benchmarks/README.md); their output goes to make run's, line by line."""
    sections = [
        "[supervisord]",
        "nodaemon=true",
        f"logfile={RUN / 'supervisord.log'}",
        f"pidfile={RUN / 'supervisord.pid'}",
        f"childlogdir={RUN}",
    ]
    for name, command_line in processes.items():
        sections += [
            "",
            f"[program:{name}]",
            f"command={command_line}",
            f"directory={ROOT}",
            "redirect_stderr=true",
            "stdout_logfile=/dev/stdout",  # make run's own output
            "stdout_logfile_maxbytes=0",
            "stopasgroup=true",  # the gateway's nginx, a worker's pool: the whole group
            "killasgroup=true",
            "stopwaitsecs=15",
            "startsecs=0",
            "environment=PYTHONUNBUFFERED=1",  # each line as it is written, as honcho did
        ]
    return "\n".join(sections) + "\n"


def start(env: dict, without_gateway: bool) -> subprocess.Popen:
    config = RUN / "supervisord.conf"
    config.write_text(supervisor_config(procfile(without_gateway)))
    return subprocess.Popen(  # noqa: S603
        [str(BIN / "supervisord"), "--nodaemon", "--configuration", str(config)],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )


def wait_until_ready(env: dict, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    admin = {"Authorization": f"Bearer {env['RUNNERLY_STRAVA_SANDBOX_ADMIN_TOKEN']}"}
    for name, url in READY.items():
        while not _ready(url, admin if name == "sandbox" else {}):
            if time.monotonic() > deadline:
                raise SystemExit(f"{name} did not become ready at {url}")
            time.sleep(0.3)


def _ready(url: str, headers: dict) -> bool:
    try:
        return requests.get(url, headers=headers, timeout=2).ok
    except requests.RequestException:  # not listening yet, or still booting its workers
        return False


def token(client: tuple[str, str], audience: str, scope: str, subject: int | None = None) -> dict:
    form = {"grant_type": "client_credentials", "audience": audience, "scope": scope}
    if subject is not None:
        form.update(grant_type="urn:runnerly:params:oauth:grant-type:user", subject=str(subject))
    answer = requests.post("http://127.0.0.1:5001/oauth/token", auth=client, data=form, timeout=5)
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def runner_id(client: tuple[str, str], email: str, create: bool = False) -> int:
    headers = token(client, "runnerly-data", "users:read users:write" if create else "users:read")
    found = requests.get("http://127.0.0.1:5002/users", params={"email": email}, headers=headers, timeout=5)
    if found.json()["items"] or not create:
        return found.json()["items"][0]["id"]
    body = {"email": email, "first_name": "Strava", "last_name": "Demo", "timezone": "Europe/London"}
    return requests.post("http://127.0.0.1:5002/users", json=body, headers=headers, timeout=5).json()["id"]


def link_strava_demo(client_secrets: dict[str, str]) -> int:
    """Link a second demo runner to the sandbox's demo athlete, as a browser would."""
    dashboard = ("runnerly-dashboard", client_secrets["runnerly-dashboard"])
    user_id = runner_id(dashboard, STRAVA_DEMO_EMAIL, create=True)
    headers = token(dashboard, "runnerly-strava", "strava:link strava:read", subject=user_id)
    base = f"http://127.0.0.1:5003/users/{user_id}/strava"
    if requests.get(base, headers=headers, timeout=5).ok:
        return user_id  # linked on an earlier start
    start = requests.post(f"{base}/link", headers=headers, timeout=5).json()
    query = dict(parse_qsl(urlsplit(start["authorize_url"]).query))
    consent = {**query, "athlete_id": "1", "decision": "authorize"}  # the sandbox's consent form
    answer = requests.post(
        "http://127.0.0.1:5090/oauth/authorize", data=consent, allow_redirects=False, timeout=5
    )
    redirect = dict(parse_qsl(urlsplit(answer.headers["Location"]).query))
    callback = {"state": redirect["state"], "code": redirect["code"], "scope": redirect["scope"]}
    answer = requests.post(f"{base}/link/callback", json=callback, headers=headers, timeout=10)
    if answer.status_code == 409:
        # Local state whose services disagree, which forget-orphans could not repair.
        print(f"! the sandbox athlete was not linked to {STRAVA_DEMO_EMAIL}: {answer.json()['detail']}")
        print("  carrying on without it; `make clean` starts from fresh local state")
        return user_id
    answer.raise_for_status()
    return user_id


def repair_local_state(env: dict) -> None:
    """Say what disagrees between the services' local state, and repair what can be: a
    Strava link whose runner the data service no longer has (deleted while the Strava
    service was not listening) would keep the sandbox athlete from being linked again."""
    print(command(env, "runnerly-strava", "forget-orphans").strip())


def ensure_demo_accounts(env: dict, runners: dict[str, int]) -> str:
    """Dashboard accounts for the demo runners, with one password kept in .run/."""
    password_file = RUN / "demo-password"
    password = _local_secret(password_file)
    for email, user_id in runners.items():
        print(
            command(
                env,
                "runnerly-dashboard",
                "demo-account",
                email,
                str(user_id),
                "--password-file",
                str(password_file),
            ).strip()
        )
    return password


def ensure_demo_plan(client_secrets: dict[str, str], user_id: int) -> None:
    """A marathon sixteen weeks out for the demo runner, built by the training service."""
    developer = ("developer", client_secrets["developer"])
    plans = requests.get(
        f"http://127.0.0.1:5002/users/{user_id}/plans",
        timeout=5,
        headers=token(developer, "runnerly-data", "plans:read"),
    )
    if plans.json()["items"]:
        return
    race_day = (datetime.now(UTC) + timedelta(weeks=16)).date()
    body = {
        "name": "Marathon in sixteen weeks",
        "days_per_week": 5,
        "race": {"distance_m": 42195, "date": race_day.isoformat(), "name": "Demo marathon"},
    }
    headers = token(developer, "runnerly-training", "plans:write")
    answer = requests.post(
        f"http://127.0.0.1:5004/users/{user_id}/plans", json=body, headers=headers, timeout=60
    )
    answer.raise_for_status()


def front_door(gateway_missing: str | None) -> str:
    if gateway_missing:
        return f"Runnerly: http://localhost:5000  (no gateway: {gateway_missing})"
    return f"Runnerly: {GATEWAY}  (the SPA, and every API under {GATEWAY}/api/<service>/)"


def banner(client_secrets: dict[str, str], user_id: int, strava_user_id: int, password: str) -> str:
    secret = client_secrets["developer"]
    return f"""
Runnerly is running.
  dashboard      http://localhost:5000   (API docs: http://localhost:5000/ui/)
  token dealer   http://localhost:5001   (API docs: http://localhost:5001/ui/)
  data           http://localhost:5002   (API docs: http://localhost:5002/ui/)
  strava         http://localhost:5003   (API docs: http://localhost:5003/ui/)
  training       http://localhost:5004   (API docs: http://localhost:5004/ui/)
  import         http://localhost:5005   (API docs: http://localhost:5005/ui/)
  Strava sandbox http://localhost:5090   (stands in for www.strava.com; admin API token
                                          in .run/sandbox-admin.secret)

Demo runners:  {DEMO_EMAIL} (user id {user_id}): a year of uploaded runs
               {STRAVA_DEMO_EMAIL} (user id {strava_user_id}): linked to the sandbox's
               demo athlete; the backfill imports their Strava history in the background
               Both log in to the dashboard with the password {password}
Mail:          sent mail stays in a local sink (.run/mail): .venv/bin/runnerly-dashboard mail list
               (set RUNNERLY_DASHBOARD_MAIL_SINK_DIR=.run/mail), or http://localhost:5000/api/dev/mail
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
  curl -s -H "Authorization: Bearer $TOKEN" 'http://localhost:5002/users/{strava_user_id}/runs?source=strava'
  Training (a token with audience=runnerly-training, scope=fitness:read / plans:read):
    GET http://localhost:5004/users/{user_id}/fitness   its VDOT, predictions and paces
    GET http://localhost:5004/users/{user_id}/load      daily TRIMP, CTL, ATL, TSB and ACWR
    GET http://localhost:5002/users/{user_id}/plans     a marathon plan sixteen weeks out
  Import (audience=runnerly-import, scope=imports:write imports:read):
    curl -H "Authorization: Bearer $IMPORT_TOKEN" -F file=@run.gpx -F file=@export.zip \\
        http://localhost:5005/users/{user_id}/imports      then GET .../imports for the jobs

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


def end_to_end(gateway_missing: str | None, password: str) -> int:
    """The dashboard's walks in headless Chromium (Playwright), against this suite."""
    env = {
        **os.environ,
        "E2E_BASE_URL": "http://127.0.0.1:5000" if gateway_missing else GATEWAY,
        "E2E_DEMO_EMAIL": DEMO_EMAIL,
        "E2E_DEMO_PASSWORD": password,
    }
    npx = shutil.which("npx") or "npx"
    return subprocess.call([npx, "playwright", "test"], cwd=ROOT / "runnerly-dashboard" / "frontend", env=env)  # noqa: S603


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--live-tests", action="store_true", help="run the functional tests, then stop")
    parser.add_argument("--e2e", action="store_true", help="run the dashboard's end-to-end walks, then stop")
    args = parser.parse_args()
    # Stopped from outside (timeout, a supervisor): still stop the suite in `finally`.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    env = environment()
    gateway_missing = gateway_unavailable(env)
    print(front_door(gateway_missing), flush=True)
    taken = ports_taken(without_gateway=bool(gateway_missing))
    if taken:
        raise SystemExit(
            f"ports {taken} are in use: is another `make run` going? Stop it, or wait for it with "
            "`flock /tmp/runnerly-make-run.lock make ...`"
        )
    client_secrets = prepare(env)
    if not gateway_missing:
        READY["gateway"] = f"{GATEWAY}/health"
    suite = start(env, without_gateway=bool(gateway_missing))
    try:
        wait_until_ready(env)
        if args.live_tests:
            return live_tests(env, client_secrets)
        command(env, "runnerly-strava", "webhook", "subscribe", "http://localhost:5003")
        repair_local_state(env)
        developer = ("developer", client_secrets["developer"])
        user_id = runner_id(developer, DEMO_EMAIL)
        ensure_demo_plan(client_secrets, user_id)
        strava_user_id = link_strava_demo(client_secrets)
        password = ensure_demo_accounts(env, {DEMO_EMAIL: user_id, STRAVA_DEMO_EMAIL: strava_user_id})
        if args.e2e:
            return end_to_end(gateway_missing, password)
        text = banner(client_secrets, user_id, strava_user_id, password)
        print(f"\n{front_door(gateway_missing)}{text}", flush=True)
        return suite.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        if suite.poll() is None:
            os.killpg(suite.pid, signal.SIGTERM)
            suite.wait(timeout=60)


if __name__ == "__main__":
    sys.exit(main())
