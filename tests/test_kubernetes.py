"""The Kubernetes manifests (deploy/k8s): every overlay renders with kustomize and each
object validates offline against the Kubernetes schemas, strictly (an unknown or misspelt
field fails). Then the rules an operator relies on: probes, limits, non-root pods with
read-only root filesystems, autoscalers, a single beat, migrations, network policies.
"""

import os
import shutil
import subprocess
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from runnerly_core.workers import BEAT_MAX_INTERVAL_S

ROOT = Path(__file__).resolve().parent.parent
K8S = ROOT / "deploy" / "k8s"
OVERLAYS = sorted(path.name for path in (K8S / "overlays").iterdir())
KUBERNETES_VERSION = "1.33.0"


def kustomize(overlay: str) -> list[dict]:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        if os.environ.get("CI"):
            pytest.fail("kubectl (with its built-in kustomize) is missing")
        pytest.skip("kubectl is missing")
    rendered = subprocess.run(  # noqa: S603 (fixed arguments, our own paths)
        [kubectl, "kustomize", str(K8S / "overlays" / overlay)], check=True, capture_output=True, text=True
    ).stdout
    return [doc for doc in yaml.safe_load_all(rendered) if doc]


@pytest.fixture(scope="module", params=OVERLAYS)
def objects(request) -> list[dict]:
    return kustomize(request.param)


def of_kind(objects: list[dict], kind: str) -> dict[str, dict]:
    return {obj["metadata"]["name"]: obj for obj in objects if obj["kind"] == kind}


def component_of(workload: dict) -> str:
    return workload["metadata"]["labels"]["app.kubernetes.io/component"]


def pod_spec(workload: dict) -> dict:
    return workload["spec"]["template"]["spec"]


def test_every_object_validates_strictly_against_the_kubernetes_schemas(objects):
    for obj in objects:
        kubernetes_validate.validate(obj, KUBERNETES_VERSION, strict=True)


def test_a_misspelt_field_is_caught_by_the_validation():
    deployment = next(yaml.safe_load_all((K8S / "base" / "data.yaml").read_text()))
    deployment["spec"]["replica"] = 2
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSION, strict=True)


def test_every_web_deployment_probes_live_and_ready_health(objects):
    for name, deployment in of_kind(objects, "Deployment").items():
        if component_of(deployment) != "web" or name == "strava-sandbox":
            continue
        container = pod_spec(deployment)["containers"][0]
        if name == "gateway":  # nginx answers /health itself: alive and ready once it listens
            assert container["livenessProbe"]["httpGet"]["path"] == "/health"
            assert container["readinessProbe"]["httpGet"]["path"] == "/health"
            continue
        assert container["livenessProbe"]["httpGet"]["path"] == "/health/live", name
        assert container["readinessProbe"]["httpGet"]["path"] == "/health/ready", name


# Processes that answer no HTTP: each loop touches a heartbeat file (runnerly_core.heartbeat).
LOOPS = ("worker", "beat", "events")


def env_of(container: dict) -> dict[str, str]:
    return {variable["name"]: variable.get("value") for variable in container.get("env", [])}


def heartbeat_check(probe: dict) -> tuple[str, float]:
    """The file and the age a ``runnerly-health heartbeat`` exec probe checks."""
    program, check, path, option, age = probe["exec"]["command"]
    assert (program, check, option) == ("runnerly-health", "heartbeat", "--max-age")
    return path, float(age)


def test_every_deployment_is_probed_for_liveness(objects):
    for name, deployment in of_kind(objects, "Deployment").items():
        for container in pod_spec(deployment)["containers"]:
            assert "livenessProbe" in container, f"{name} is never probed: a stuck pod runs on"


def test_every_worker_beat_and_consumer_is_probed_on_the_heartbeat_it_writes(objects):
    loops = {n: d for n, d in of_kind(objects, "Deployment").items() if component_of(d) in LOOPS}
    assert len(loops) == 9
    for name, deployment in loops.items():
        spec = pod_spec(deployment)
        container = spec["containers"][0]
        written = env_of(container)["RUNNERLY_HEARTBEAT_FILE"]
        kinds = ("startup", "readiness", "liveness")
        checks = {kind: heartbeat_check(container[f"{kind}Probe"]) for kind in kinds}
        assert {path for path, _ in checks.values()} == {written}, name
        # The root filesystem is read-only: the file must sit on a volume the pod can write.
        mounts = {m["mountPath"] for m in container["volumeMounts"] if not m.get("readOnly")}
        assert str(Path(written).parent) in mounts, f"{name} cannot write {written}"
        # Not ready after a minute without a beat; restarted only after five. Beat ticks
        # BEAT_MAX_INTERVAL_S apart at most: a healthy beat must never look stale.
        assert 2 * BEAT_MAX_INTERVAL_S <= checks["readiness"][1] <= 60 < checks["liveness"][1], name
        # A probe starts Python in a pod whose CPU may be throttled: Kubernetes' 1 s is short.
        assert all(container[f"{kind}Probe"]["timeoutSeconds"] >= 5 for kind in checks), name


def test_every_pod_runs_as_non_root_on_a_read_only_root_with_resource_limits(objects):
    workloads = {**of_kind(objects, "Deployment"), **of_kind(objects, "Job")}
    assert workloads
    for name, workload in workloads.items():
        spec = pod_spec(workload)
        assert spec["securityContext"]["runAsNonRoot"] is True, name
        assert spec["automountServiceAccountToken"] is False, name
        for container in spec["containers"]:
            assert container["securityContext"]["readOnlyRootFilesystem"] is True, name
            assert container["securityContext"]["allowPrivilegeEscalation"] is False, name
            assert {"cpu", "memory"} <= set(container["resources"]["limits"]), name
            assert {"cpu", "memory"} <= set(container["resources"]["requests"]), name


def test_web_and_worker_deployments_autoscale_and_beat_stays_single(objects):
    deployments = of_kind(objects, "Deployment")
    autoscalers = of_kind(objects, "HorizontalPodAutoscaler").values()
    scaled = {hpa["spec"]["scaleTargetRef"]["name"] for hpa in autoscalers}
    for name, deployment in deployments.items():
        if component_of(deployment) in ("web", "worker") and name != "strava-sandbox":
            assert name in scaled, f"{name} has no HorizontalPodAutoscaler"
    beats = [name for name, d in deployments.items() if component_of(d) == "beat"]
    assert sorted(beats) == ["dashboard-beat", "strava-beat"]
    for name in beats:
        assert deployments[name]["spec"]["replicas"] == 1, name
        assert deployments[name]["spec"]["strategy"]["type"] == "Recreate", name
        assert name not in scaled, name


def test_each_service_with_a_database_has_a_migration_job(objects):
    jobs = of_kind(objects, "Job")
    for service in ("tokendealer", "data", "strava", "training", "dashboard", "import"):
        command = pod_spec(jobs[f"{service}-migrate"])["containers"][0]["command"]
        assert command == [f"runnerly-{service}", "db", "upgrade"]


def test_secrets_are_referenced_never_committed(objects):
    assert not of_kind(objects, "Secret")
    for workload in of_kind(objects, "Deployment").values():
        for source in pod_spec(workload)["containers"][0].get("envFrom", []):
            assert set(source) <= {"configMapRef", "secretRef"}


def test_ingress_is_denied_unless_a_policy_admits_it(objects):
    policies = of_kind(objects, "NetworkPolicy")
    deny = policies["default-deny-ingress"]["spec"]
    assert deny["podSelector"] == {}
    assert deny["policyTypes"] == ["Ingress"]
    assert "ingress" not in deny
    for name, service in of_kind(objects, "Service").items():
        expected = "LoadBalancer" if name == "gateway" else "ClusterIP"  # the one public door
        assert service["spec"].get("type", "ClusterIP") == expected, name


def scrape_ports(workload: dict) -> set[str]:
    """The names of the container ports a pod's ``prometheus.io/port`` annotation names."""
    annotations = workload["spec"]["template"]["metadata"].get("annotations", {})
    if annotations.get("prometheus.io/scrape") != "true":
        return set()
    port = int(annotations["prometheus.io/port"])
    containers = pod_spec(workload)["containers"]
    return {p["name"] for c in containers for p in c.get("ports", []) if p["containerPort"] == port}


def test_only_prometheus_from_the_monitoring_namespace_gets_in_from_outside_and_only_to_metrics(objects):
    outside = []
    for name, policy in of_kind(objects, "NetworkPolicy").items():
        if policy["spec"]["podSelector"].get("matchLabels", {}).get("app.kubernetes.io/name") == "gateway":
            continue  # the one public door
        for rule in policy["spec"].get("ingress", []):
            sources = rule.get("from", [{}])  # no "from": every source, in or out of the namespace
            if any(set(source) != {"podSelector"} for source in sources):
                outside.append((name, rule))
    assert [name for name, _ in outside] == ["allow-prometheus-scrape"]
    ((_, rule),) = outside
    assert rule["from"] == [
        {
            "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "monitoring"}},
            "podSelector": {"matchLabels": {"app.kubernetes.io/name": "prometheus"}},
        }
    ]
    admitted = {port["port"] for port in rule["ports"]}
    scraped = set().union(*(scrape_ports(w) for w in of_kind(objects, "Deployment").values()))
    assert scraped, "no pod is annotated for Prometheus"
    assert scraped <= admitted, f"Prometheus scrapes ports no policy admits: {scraped - admitted}"
    assert admitted <= scraped, f"ports admitted that serve no /metrics: {admitted - scraped}"


def test_the_sandbox_runs_only_in_development():
    assert "strava-sandbox" in of_kind(kustomize("development"), "Deployment")
    assert "strava-sandbox" not in of_kind(kustomize("production"), "Deployment")


def test_prometheus_finds_every_web_and_worker_pod_on_a_port_it_serves(objects):
    for name, workload in of_kind(objects, "Deployment").items():
        # nginx and the Strava stand-in are no Runnerly processes: they serve no /metrics.
        if component_of(workload) not in ("web", "worker") or name in ("gateway", "strava-sandbox"):
            continue
        annotations = workload["spec"]["template"]["metadata"].get("annotations", {})
        assert annotations.get("prometheus.io/scrape") == "true", name
        assert annotations.get("prometheus.io/path") == "/metrics", name
        ports = {
            port["containerPort"] for c in pod_spec(workload)["containers"] for port in c.get("ports", [])
        }
        assert int(annotations["prometheus.io/port"]) in ports, name


# --- against docker-compose.yml: the same processes, users and callers -----------------

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
# Run outside Kubernetes on purpose: the operator's PostgreSQL and RabbitMQ (managed or an
# operator's chart), Flower (an operator's tool: `celery flower` through a port-forward),
# and the one-shot client registration (deploy/k8s/README.md, "Secrets"). Services of a
# compose profile (the sandbox, the mail sink) are development aids, not the suite.
NOT_IN_KUBERNETES = {"postgres", "rabbitmq", "flower", "clients-bootstrap"}


def image_service(image: str) -> str:
    """``registry.example.com/runnerly/data:1.0.0`` or ``runnerly-data``: ``data``."""
    return image.rsplit("/", 1)[-1].split(":")[0].removeprefix("runnerly-")


def test_every_long_running_compose_service_has_a_deployment_running_its_command(objects):
    deployments = of_kind(objects, "Deployment")
    for name, service in COMPOSE.items():
        if name in NOT_IN_KUBERNETES or "profiles" in service or service.get("restart") == "no":
            continue
        assert name in deployments, f"docker-compose runs {name}; no Deployment of that name"
        container = pod_spec(deployments[name])["containers"][0]
        assert image_service(container["image"]) == image_service(service["image"]), name
        assert container.get("command") == service.get("command"), name


def test_every_compose_migration_has_a_job_running_its_command(objects):
    jobs = of_kind(objects, "Job")
    for name, service in COMPOSE.items():
        if name.endswith("-migrate"):
            assert pod_spec(jobs[name])["containers"][0]["command"] == service["command"], name


def test_every_pod_runs_as_the_uid_its_image_is_built_with(objects):
    built = {
        image_service(s["image"]): int(s["build"]["args"]["UID"]) for s in COMPOSE.values() if "build" in s
    }
    assert len(built) == 7
    workloads = {**of_kind(objects, "Deployment"), **of_kind(objects, "Job")}
    for name, workload in workloads.items():
        image = image_service(pod_spec(workload)["containers"][0]["image"])
        assert pod_spec(workload)["securityContext"]["runAsUser"] == built[image], name


def compose_callers() -> dict[str, set[str]]:
    """Who calls whom, read from the compose settings: every ``http://<service>:<port>`` URL
    and every gateway ``<service>:<port>`` upstream, keyed by the called service."""
    ports = {
        "dashboard": 5000,
        "tokendealer": 5001,
        "data": 5002,
        "strava": 5003,
        "training": 5004,
        "import": 5005,
    }
    callers: dict[str, set[str]] = {service: set() for service in ports}
    for service in COMPOSE.values():
        if "image" not in service or not service["image"].startswith("runnerly-"):
            continue
        caller = image_service(service["image"])
        values = " ".join(str(v) for v in (service.get("environment") or {}).values())
        for called, port in ports.items():
            if called != caller and f"{called}:{port}" in values:
                callers[called].add(caller)
    return callers


def test_each_service_admits_exactly_the_callers_its_compose_settings_name(objects):
    policies = of_kind(objects, "NetworkPolicy").values()
    for called, expected in compose_callers().items():
        assert expected, called
        (policy,) = [
            p
            for p in policies
            if p["spec"]["podSelector"].get("matchLabels", {}).get("app.kubernetes.io/name") == called
        ]
        (rule,) = policy["spec"]["ingress"]
        (source,) = rule["from"]
        (expression,) = source["podSelector"]["matchExpressions"]
        assert expression["key"] == "app.kubernetes.io/name"
        assert expression["operator"] == "In"
        assert set(expression["values"]) == expected, called
        assert [port["port"] for port in rule["ports"]] == ["http"], called


def test_only_the_gateway_admits_anyone_and_only_on_its_http_port(objects):
    policies = of_kind(objects, "NetworkPolicy")
    open_to_all = [
        name
        for name, p in policies.items()
        if any("from" not in rule for rule in p["spec"].get("ingress", []))
    ]
    assert open_to_all == ["allow-gateway-from-anywhere"]
    gateway = policies["allow-gateway-from-anywhere"]["spec"]
    assert gateway["podSelector"]["matchLabels"]["app.kubernetes.io/name"] == "gateway"
    assert gateway["ingress"] == [{"ports": [{"protocol": "TCP", "port": "http"}]}]
    service = of_kind(objects, "Service")["gateway"]["spec"]
    assert service["externalTrafficPolicy"] == "Local"  # the limits key on the client's address
