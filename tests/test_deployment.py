"""Static checks of docker-compose.yml and the image recipe (`make test-compose` starts it).

They catch what breaks a deployment silently: a typo in a setting's name, a command that
no package installs, a service started before its migrations, a secret written inline.
"""

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from pydantic_settings import BaseSettings

from runnerly_core.workers import BEAT_MAX_INTERVAL_S
from runnerly_dashboard.settings import DashboardSettings
from runnerly_data.settings import DataSettings
from runnerly_import.settings import ImportSettings
from runnerly_strava.settings import StravaSettings
from runnerly_tokendealer.settings import TokenDealerSettings
from runnerly_training.settings import TrainingSettings

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
SETTINGS = {
    "tokendealer": TokenDealerSettings,
    "data": DataSettings,
    "strava": StravaSettings,
    "training": TrainingSettings,
    "dashboard": DashboardSettings,
    "import": ImportSettings,
}
PORTS = {
    "dashboard": 5000,
    "tokendealer": 5001,
    "data": 5002,
    "strava": 5003,
    "training": 5004,
    "import": 5005,
    "strava-sandbox": 5090,
}
WEB = ("tokendealer", "data", "strava", "training", "dashboard", "import")
SECRET_WORDS = re.compile(r"SECRET|PASSWORD|PASS$|KEYS|VERIFY_TOKEN")


def runnerly_services():
    return {
        name: spec for name, spec in SERVICES.items() if str(spec.get("image", "")).startswith("runnerly-")
    }


def package_of(spec) -> str:
    return spec["image"].removeprefix("runnerly-")


def console_scripts() -> set[str]:
    scripts = set()
    for pyproject in ROOT.glob("runnerly-*/pyproject.toml"):
        scripts |= set(tomllib.loads(pyproject.read_text())["project"].get("scripts", {}))
    return scripts


def accepted_variables(settings: type[BaseSettings]) -> set[str]:
    """The environment variables a settings class reads (its aliases or prefixed names)."""
    prefix = settings.model_config.get("env_prefix", "")
    names = set()
    for name, field in settings.model_fields.items():
        alias = field.validation_alias
        choices = getattr(alias, "choices", None) or ([alias] if alias else [prefix + name])
        names |= {str(choice).upper() for choice in choices}
    return names


# Open work: services that run in `make run` but have not joined compose yet. Whoever adds
# one to docker-compose.yml must take it off this list.
NOT_YET_IN_COMPOSE: set[str] = set()
# The Python services' image recipe; the gateway has its own.
SERVICE_RECIPE = "deploy/Dockerfile"


def built_services() -> set[str]:
    return {
        spec["build"]["args"]["SERVICE"]
        for spec in SERVICES.values()
        if spec.get("build", {}).get("dockerfile") == SERVICE_RECIPE
    }


def test_every_service_package_is_deployed():
    packages = {path.parent.name.removeprefix("runnerly-") for path in ROOT.glob("runnerly-*/pyproject.toml")}
    assert packages - {"core"} - NOT_YET_IN_COMPOSE == built_services()
    assert not NOT_YET_IN_COMPOSE & built_services(), "a service in compose is still listed as not yet there"
    assert SERVICES["gateway"]["build"]["dockerfile"] == "runnerly-gateway/Dockerfile"


@pytest.mark.parametrize(("service", "port"), PORTS.items())
def test_services_listen_on_the_architecture_ports(service, port):
    assert str(port) in " ".join(SERVICES[service]["command"])


# What a host reaches: the gateway (the one public door, issue 11), and in development the
# sandbox's consent page (a browser is sent there), on loopback and only with its profile.
PUBLISHED = {
    "gateway": "${GATEWAY_PORT:-8080}:8080",
    "strava-sandbox": "127.0.0.1:${STRAVA_SANDBOX_PORT:-5090}:5090",
}


def test_only_the_gateway_publishes_a_port_beyond_development():
    published = {name: spec["ports"] for name, spec in SERVICES.items() if spec.get("ports")}
    assert published == {name: [entry] for name, entry in PUBLISHED.items()}
    assert SERVICES["strava-sandbox"]["profiles"] == ["sandbox"]
    assert "profiles" not in SERVICES["gateway"]


def test_the_gateway_reaches_every_web_service_by_its_compose_name():
    environment = SERVICES["gateway"]["environment"]
    for name in WEB:
        assert environment[f"RUNNERLY_GATEWAY_{name.upper()}_UPSTREAM"] == f"{name}:{PORTS[name]}"
        assert SERVICES["gateway"]["depends_on"][name]["condition"] == "service_started"
    assert environment["RUNNERLY_GATEWAY_ENVIRONMENT"] == "production"  # no sandbox routes


def _bytes(size: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([kmg]?)", size.lower()).groups()
    return int(number) * 1024 ** " kmg".index(unit or " ")


def test_the_gateway_lets_in_the_largest_upload_the_import_service_takes():
    gateway = _bytes(SERVICES["gateway"]["environment"]["RUNNERLY_GATEWAY_UPLOAD_BODY_LIMIT"])
    accepted = int(SERVICES["import"]["environment"]["RUNNERLY_IMPORT_MAX_UPLOAD_BYTES"])
    assert gateway >= accepted


def test_the_dealer_and_its_bootstrap_share_the_client_secret_key():
    """Client secrets are hashed under a key: a bootstrap job or a replica with a key of its
    own would store hashes the others can never verify (every client refused with 401)."""
    key_file = SERVICES["tokendealer"]["environment"]["RUNNERLY_TOKENDEALER_CLIENT_SECRET_KEY_FILE"]
    assert key_file.startswith("/var/lib/runnerly/keys/")
    for name in ("tokendealer", "clients-bootstrap"):
        assert "keys:/var/lib/runnerly/keys" in SERVICES[name]["volumes"], name
    assert SERVICES["clients-bootstrap"]["environment"] == SERVICES["tokendealer-migrate"]["environment"]


def test_the_token_dealer_keeps_its_keys_in_the_shared_volume():
    spec = SERVICES["tokendealer"]
    data_dir = spec["environment"]["RUNNERLY_TOKENDEALER_DATA_DIR"]
    keys_dir = TokenDealerSettings(data_dir=data_dir).key_directory
    assert f"keys:{keys_dir}" in spec["volumes"]
    assert "/var/lib/runnerly/keys" in (ROOT / "deploy" / "Dockerfile").read_text(), (
        "made by the image, owned by it"
    )


def test_every_web_service_adds_up_its_workers_metrics():
    for name in (*WEB, "strava-worker", "training-events", "dashboard-worker"):
        spec = SERVICES[name]
        directory = spec["environment"]["PROMETHEUS_MULTIPROC_DIR"]
        fresh_and_writable = f"{directory}:mode=1777"  # a tmpfs: empty at every start
        assert fresh_and_writable in spec["tmpfs"], name


def test_every_command_is_a_console_script_a_package_installs():
    scripts = console_scripts()
    for name, spec in runnerly_services().items():
        command = spec.get("command")
        if command is None:  # the gateway: its image's own command
            continue
        program = command[0] if command[0] != "sh" else None
        assert program is None or program in scripts, f"{name}: {program} is not installed"


def test_every_web_service_is_checked_for_readiness():
    for name in WEB:
        check = " ".join(SERVICES[name]["healthcheck"]["test"])
        assert f"{PORTS[name]}/health/ready" in check, name
    assert "8080/health" in " ".join(SERVICES["gateway"]["healthcheck"]["test"])


def long_running() -> dict:
    return {name: spec for name, spec in SERVICES.items() if spec.get("restart") != "no"}


def loops() -> dict:
    """Workers, beats and event consumers: the suite's long-running processes that listen on
    no port (web services, the sandbox and the mail sink say theirs with --port)."""
    return {
        name: spec
        for name, spec in long_running().items()
        if name in runnerly_services() and spec.get("command") and "--port" not in spec["command"]
    }


def test_every_long_running_service_has_a_healthcheck():
    for name, spec in long_running().items():
        healthcheck = spec.get("healthcheck", {})
        assert healthcheck.get("test", ["NONE"]) != ["NONE"], f"{name} is never checked"
        assert not healthcheck.get("disable"), name


def test_every_worker_beat_and_consumer_is_checked_on_the_heartbeat_it_writes():
    assert set(loops()) == {
        "strava-worker",
        "strava-beat",
        "strava-events",
        "training-events",
        "training-forget",
        "dashboard-worker",
        "dashboard-beat",
        "dashboard-events",
        "import-worker",
    }
    assert "runnerly-health" in console_scripts()
    for name, spec in loops().items():
        program, check, path, option, age = spec["healthcheck"]["test"][1:]
        assert (program, check, option) == ("runnerly-health", "heartbeat", "--max-age"), name
        assert path == spec["environment"]["RUNNERLY_HEARTBEAT_FILE"], f"{name} checks a file it never writes"
        # Beat touches it on each tick, BEAT_MAX_INTERVAL_S apart at most: a healthy beat
        # must never look stale.
        assert float(age) >= 2 * BEAT_MAX_INTERVAL_S, name


def test_every_worker_serves_its_metrics_on_the_port_kubernetes_scrapes():
    for name in ("strava-worker", "training-events", "dashboard-worker", "import-worker"):
        environment = SERVICES[name]["environment"]
        assert [v for k, v in environment.items() if k.endswith("_WORKER_METRICS_PORT")] == ["9100"], name
    for manifest in ("strava.yaml", "training.yaml"):
        assert 'WORKER_METRICS_PORT, value: "9100"' in (ROOT / "deploy/k8s/base" / manifest).read_text()


def test_every_service_with_a_database_starts_after_its_migrations():
    for name, spec in runnerly_services().items():
        if name.endswith("-migrate") or name == "clients-bootstrap":
            continue
        database_url = next(
            (v for k, v in spec.get("environment", {}).items() if k.endswith("_DATABASE_URL")), None
        )
        if database_url:
            migrate = f"{package_of(spec)}-migrate"
            assert spec["depends_on"][migrate]["condition"] == "service_completed_successfully", name


def test_the_database_is_healthy_only_once_it_listens_where_the_services_connect():
    """The image's first start serves its init scripts on the socket only: a check there
    passes while the services' TCP connections are still refused."""
    check = " ".join(SERVICES["postgres"]["healthcheck"]["test"])
    assert "pg_isready" in check
    assert "-h 127.0.0.1" in check


def test_migrations_wait_for_a_healthy_database():
    for name, spec in SERVICES.items():
        if name.endswith("-migrate"):
            assert spec["depends_on"]["postgres"]["condition"] == "service_healthy", name
            assert spec["command"][1:] == ["db", "upgrade"], name


def test_every_setting_named_in_the_file_exists():
    for name, spec in runnerly_services().items():
        if package_of(spec) == "gateway":
            continue  # render.py refuses an unknown RUNNERLY_GATEWAY_* itself (runnerly-gateway's tests)
        settings = SETTINGS[package_of(spec)] if name != "strava-sandbox" else None
        for variable in set(spec.get("environment", {})) - {"PROMETHEUS_MULTIPROC_DIR"}:
            if settings is not None:
                assert variable in accepted_variables(settings), f"{name}: {variable} is read by nothing"


def test_no_secret_is_written_in_the_file():
    for name, spec in SERVICES.items():
        for variable, value in (spec.get("environment") or {}).items():
            if SECRET_WORDS.search(variable) and not variable.endswith("_FILE"):
                assert str(value).startswith("${"), f"{name}: {variable} must come from .env"


def test_each_service_holds_only_its_own_client_secret():
    for name, spec in runnerly_services().items():
        if name == "clients-bootstrap":  # registers every client
            continue
        files = [v for k, v in spec.get("environment", {}).items() if k.endswith("CLIENT_SECRET_FILE")]
        own = {f"runnerly-{package_of(spec)}-client", f"{package_of(spec)}-secret-key"}
        assert {path.removeprefix("/run/secrets/") for path in files} <= own, name
        assert set(spec.get("secrets", [])) <= own | {"strava-sandbox-admin-token"}, name
    assert not any("volumes" in spec and "secrets" in str(spec["volumes"]) for spec in SERVICES.values())


def test_images_with_different_secrets_run_as_different_users():
    uids = [spec["build"]["args"]["UID"] for spec in SERVICES.values() if "build" in spec]
    assert len(uids) == len(set(uids))


@pytest.mark.parametrize("variable", ["RUNNERLY_STRAVA_API_URL", "RUNNERLY_STRAVA_OAUTH_URL"])
def test_compose_never_falls_back_to_the_sandbox(variable):
    assert ":?" in SERVICES["strava"]["environment"][variable]
    assert "strava-sandbox" not in SERVICES["strava"]["environment"][variable]


def test_the_sandbox_admin_api_and_flower_ask_for_credentials():
    sandbox = SERVICES["strava-sandbox"]["environment"]
    assert sandbox["RUNNERLY_STRAVA_SANDBOX_ENVIRONMENT"] == "production"
    assert sandbox["RUNNERLY_STRAVA_SANDBOX_ADMIN_TOKEN_FILE"] == "/run/secrets/strava-sandbox-admin-token"
    assert "FLOWER_BASIC_AUTH" in " ".join(SERVICES["flower"]["command"])


def test_exactly_one_beat_runs_per_celery_app():
    beats = [spec for spec in SERVICES.values() if (spec.get("command") or [None, None])[1:2] == ["beat"]]
    assert sorted(spec["image"] for spec in beats) == ["runnerly-dashboard", "runnerly-strava"]
    assert all(spec["deploy"]["replicas"] == 1 for spec in beats)


def test_each_service_database_is_made_by_the_postgres_init_script():
    made = set(re.findall(r"CREATE DATABASE (\w+);", (ROOT / "deploy" / "postgres-init.sql").read_text()))
    for name in built_services():
        url = SERVICES[f"{name}-migrate"]["environment"][f"RUNNERLY_{name.upper()}_DATABASE_URL"]
        assert url.rpartition("/")[2] in made, name


def test_every_client_a_service_uses_is_registered_and_its_secret_made():
    bootstrap = (ROOT / "deploy" / "bootstrap-clients.sh").read_text()
    # The declarations `client sync` reads from the script's here-document.
    declared = yaml.safe_load(bootstrap.split("<<'CLIENTS'\n", 1)[1].split("\nCLIENTS\n", 1)[0])
    make_secrets = (ROOT / "deploy" / "make-secrets.sh").read_text()
    for name in COMPOSE["secrets"]:
        assert f"make_secret {name}" in make_secrets, name
        if name.endswith("-client"):
            client = declared[name.removesuffix("-client")]
            assert client["secret_from"] == f"/run/secrets/{name}", name
            assert name in SERVICES["clients-bootstrap"]["secrets"], name


def test_the_gateway_image_serves_the_built_app_as_an_unprivileged_user():
    recipe = (ROOT / "runnerly-gateway" / "Dockerfile").read_text()
    assert "COPY runnerly-dashboard/frontend/dist /srv/spa" in recipe
    assert re.search(r"^USER gateway$", recipe, re.MULTILINE)
    assert "HEALTHCHECK" in recipe
    assert "LABEL" in recipe
    assert not re.search(r"\b(gcc|build-essential|make|npm|nodejs)\b", recipe.split("FROM")[-1])


def test_every_public_image_has_a_stand_in_for_make_test_compose():
    """No image registry answers on CI: tests/compose builds a stand-in of each (images.py)."""
    standins = (ROOT / "tests" / "compose" / "images.py").read_text()
    public = {spec["image"] for spec in SERVICES.values() if not spec["image"].startswith("runnerly-")}
    for recipe in ("deploy/Dockerfile", "runnerly-gateway/Dockerfile"):
        public |= set(re.findall(r"^FROM (\S+)", (ROOT / recipe).read_text(), re.MULTILINE))
    for image in public:
        assert f'"{image}":' in standins, image


def test_the_image_recipe_installs_one_service_with_pinned_versions():
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text()
    assert "ARG SERVICE" in dockerfile
    assert "-c constraints.txt" in dockerfile
    assert re.search(r"^USER runnerly$", dockerfile, re.MULTILINE)


def test_the_env_example_names_every_variable_the_file_needs():
    needed = set(re.findall(r"\$\{([A-Z_]+)", (ROOT / "docker-compose.yml").read_text()))
    example = {
        line.split("=")[0]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    }
    assert needed <= example
    assert all(
        line.endswith("=")
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    ), "the example holds no values"
