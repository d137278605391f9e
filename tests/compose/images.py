"""Images for `make test-compose`, built here because no image registry can be reached.

- a Debian base from ``debootstrap``, imported with ``docker import``;
- stand-ins for the public images the compose file and the Dockerfile name, each from
  ``deploy/standins/<name>/`` on that base, tagged under the public name. A public image
  already present and not built here (a real one) is used as it is and never replaced;
- a wheelhouse (``pip wheel -c constraints.txt`` on the host) in ``deploy/wheels``, so the
  service images build with ``PIP_NO_INDEX=1`` and no network inside containers.

Each step is skipped when what it would make is there and was made from the same inputs
(a label or a stamp holds their hash); nothing relies on that cache being there.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
import tempfile
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .engine import run

ROOT = Path(__file__).resolve().parents[2]
STANDINS = ROOT / "deploy" / "standins"
WHEELS = ROOT / "deploy" / "wheels"
BASE = "runnerly-standin/debian:bookworm"
LABEL = "org.runnerly.standin"
# Change this line when build_base changes, so that every machine builds the base again.
BASE_RECIPE = "debootstrap --variant=minbase bookworm; apt sources with updates and security; policy-rc.d 101"
# Public image -> its stand-in's folder in deploy/standins, in build order (flower needs python).
# A new public image in docker-compose.yml or an image recipe adds a line here.
PUBLIC_IMAGES = {
    "python:3.11-slim": "python",
    "postgres:16-alpine": "postgres",
    "rabbitmq:3.13-management-alpine": "rabbitmq",
    "mher/flower:2.0": "flower",
    # The gateway's base: Debian's nginx with the Lua and ModSecurity modules.
    "openresty/openresty:bookworm": "openresty",
}
# Stand-ins built from the wheelhouse rather than from their own folder.
WHEELHOUSE_CONTEXT = {"flower"}


def digest(*paths: Path) -> str:
    sha = hashlib.sha256()
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            sha.update(file.relative_to(ROOT).as_posix().encode())
            sha.update(file.read_bytes())
    return sha.hexdigest()[:16]


def dependencies_digest(*projects: Path) -> str:
    """What the wheelhouse holds depends on the projects' requirements only: a new console
    script, a version or a description changes no wheel, so it must not rebuild them all."""
    needs = {}
    for pyproject in projects:
        parsed = tomllib.loads(pyproject.read_text())
        project = parsed["project"]
        needs[pyproject.relative_to(ROOT).as_posix()] = [
            project.get("dependencies", []),
            project.get("optional-dependencies", {}),
            parsed.get("build-system", {}).get("requires", []),
        ]
    return hashlib.sha256(json.dumps(needs, sort_keys=True).encode()).hexdigest()[:16]


def label_of(image: str) -> str | None:
    """The stand-in label of a local image; None when absent, "" when not ours."""
    found = run(
        "docker",
        "image",
        "inspect",
        image,
        "--format",
        f'{{{{index .Config.Labels "{LABEL}"}}}}',
        check=False,
    )
    return found.stdout.strip().replace("<no value>", "") if found.returncode == 0 else None


def debian_mirror() -> str:
    """The Debian mirror this machine's apt uses, so the base comes from where packages do."""
    sources = [*Path("/etc/apt").glob("sources.list"), *sorted(Path("/etc/apt").glob("sources.list.d/*"))]
    for source in (path for path in sources if path.is_file()):
        for match in re.finditer(r"^(?:URIs:|deb(?:\s+\[[^\]]*\])?)\s+(\S+)", source.read_text(), re.M):
            if "security" not in match.group(1):
                return match.group(1).rstrip("/")
    raise RuntimeError("no Debian mirror found in /etc/apt: cannot debootstrap the base image")


def build_base() -> None:
    inputs = hashlib.sha256(BASE_RECIPE.encode()).hexdigest()[:16]
    if label_of(BASE) == inputs:
        return
    mirror = debian_mirror()
    archive = Path(tempfile.mkdtemp(prefix="runnerly-base-")) / "base.tar"
    try:
        with tempfile.TemporaryDirectory(prefix="runnerly-debootstrap-") as tree:
            run("debootstrap", "--variant=minbase", "bookworm", tree, mirror)
            _prepare_tree(Path(tree), mirror)
            run("tar", "-C", tree, "-cf", str(archive), ".")
        change = ["--change", f"LABEL {LABEL}={inputs}", "--change", 'CMD ["bash"]']
        run("docker", "import", *change, str(archive), BASE)
    finally:
        shutil.rmtree(archive.parent)


def _prepare_tree(root: Path, mirror: str) -> None:
    (root / "etc/apt/sources.list").write_text(
        f"deb {mirror} bookworm main\ndeb {mirror} bookworm-updates main\n"
        f"deb {mirror}-security bookworm-security main\n"
    )
    # Packages installed in an image must not try to start their service.
    policy = root / "usr/sbin/policy-rc.d"
    policy.write_text("#!/bin/sh\nexit 101\n")
    policy.chmod(0o755)
    for cache in ("var/cache/apt/archives", "var/lib/apt/lists"):
        for item in (root / cache).glob("*"):
            if item.is_file():
                item.unlink()


def build_wheelhouse() -> None:
    """``pip wheel`` every package the images install, with the pinned versions."""
    requirements = STANDINS / "flower" / "requirements.txt"
    projects = sorted(ROOT.glob("runnerly-*/pyproject.toml"))
    stamp = WHEELS / ".inputs"
    inputs = digest(ROOT / "constraints.txt", requirements) + dependencies_digest(*projects)
    if stamp.exists() and stamp.read_text() == inputs:
        return
    for wheel in WHEELS.glob("*.whl"):
        wheel.unlink()
    argv = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "-q",
        "-c",
        str(ROOT / "constraints.txt"),
        "-w",
        str(WHEELS),
    ]
    # The build backend too: the images build the project's own packages from source.
    run(*argv, *(str(p.parent) for p in projects), "-r", str(requirements), "setuptools>=69", "wheel")
    for own in WHEELS.glob("runnerly_*.whl"):
        own.unlink()  # built from the source tree in the image, never from a stale wheel
    shutil.copy(requirements, WHEELS / "flower-requirements.txt")
    stamp.write_text(inputs)


def build_standins() -> list[str]:
    """Build the stand-ins that are missing or stale; returns the public names used as they are.

    Those on the Debian base build side by side (mostly downloads), then those on another
    stand-in (Flower on Python).
    """
    kept = [image for image in PUBLIC_IMAGES if label_of(image) == ""]  # real images: never replaced
    waves: dict[bool, list[str]] = {True: [], False: []}
    for image, folder in PUBLIC_IMAGES.items():
        if image not in kept:
            on_base = f"FROM {BASE}" in (STANDINS / folder / "Dockerfile").read_text()
            waves[on_base].append(image)
    for wave in (waves[True], waves[False]):
        with ThreadPoolExecutor(max_workers=len(wave) or 1) as pool:
            list(pool.map(build_standin, wave))  # list(): raise the first failure here
    return kept


def build_standin(image: str) -> None:
    folder = PUBLIC_IMAGES[image]
    from_wheelhouse = folder in WHEELHOUSE_CONTEXT
    inputs = digest(STANDINS / folder, *([WHEELS / ".inputs"] if from_wheelhouse else []))
    if label_of(image) == inputs:
        return
    context = WHEELS if from_wheelhouse else STANDINS / folder
    dockerfile = STANDINS / folder / "Dockerfile"
    run("docker", "build", "-q", "--label", f"{LABEL}={inputs}", "-f", str(dockerfile), "-t", image, context)


def build_all() -> list[str]:
    with ThreadPoolExecutor(max_workers=2) as pool:  # both mostly wait on downloads
        for step in [pool.submit(build_base), pool.submit(build_wheelhouse)]:
            step.result()
    return build_standins()
