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
        assert container["livenessProbe"]["httpGet"]["path"] == "/health/live", name
        assert container["readinessProbe"]["httpGet"]["path"] == "/health/ready", name


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
    beat = deployments["strava-beat"]
    assert beat["spec"]["replicas"] == 1
    assert beat["spec"]["strategy"]["type"] == "Recreate"
    assert "strava-beat" not in scaled


def test_each_service_with_a_database_has_a_migration_job(objects):
    jobs = of_kind(objects, "Job")
    for service in ("tokendealer", "data", "strava", "training"):
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
    for service in of_kind(objects, "Service").values():
        assert service["spec"].get("type", "ClusterIP") == "ClusterIP", service["metadata"]["name"]


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
