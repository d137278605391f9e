"""`make audit`: known vulnerabilities of every pinned package (constraints.txt), by pip-audit.

pip-audit reads the vulnerabilities of each pinned release from PyPI's JSON API
(``/pypi/<name>/<version>/json``, fed by the Python Packaging Advisory Database). Where that
page does not answer (the development and CI machines reach PyPI's package index but not
its per-release JSON, nor OSV), this script says so, prints the command for a connected
machine, and exits 0, rather than fail on every package as "not found".
"""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = "https://pypi.org/pypi/pip/24.0/json"  # the per-release page pip-audit reads
COMMAND = [
    "pip-audit",
    "--strict",
    "--disable-pip",
    "--no-deps",
    "--progress-spinner",
    "off",
    "-r",
    "constraints.txt",
]


def vulnerability_data_reachable(timeout: float = 10) -> bool:
    try:
        with urllib.request.urlopen(PROBE, timeout=timeout) as answer:
            return answer.status == 200
    except (urllib.error.URLError, TimeoutError):
        return False


def main() -> int:
    if not vulnerability_data_reachable():
        print(
            f"pip-audit: PyPI's JSON API ({PROBE}) is not served to this machine, so there is no\n"
            "vulnerability data to audit against. On a machine that reaches pypi.org, run:\n"
            f"    .venv/bin/{' '.join(COMMAND)}"
        )
        return 0
    tool = Path(sys.executable).parent / "pip-audit"
    return subprocess.run([str(tool), *COMMAND[1:]], cwd=ROOT, check=False).returncode  # noqa: S603 — fixed argv


if __name__ == "__main__":
    sys.exit(main())
