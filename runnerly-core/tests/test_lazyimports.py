"""A served process imports Connexion without Starlette's test client and httpx, and the
app's test client still works (runnerly_core.lazyimports relies on Connexion's import
lines: Connexion is pinned, and these tests fail if the lines move)."""

import subprocess
import sys

PROBE = """
import sys
from runnerly_core.lazyimports import defer_test_client
defer_test_client()
import runnerly_tokendealer.app
print(sorted(name for name in sys.modules if name.startswith(("httpx", "starlette.testclient"))))
"""

CLIENT = """
from runnerly_core.lazyimports import defer_test_client
defer_test_client()
import connexion
app = connexion.FlaskApp(__name__)
app.app.add_url_rule("/ping", "ping", lambda: "pong")
print(app.test_client().get("/ping").text)
import connexion.security
print(connexion.security.httpx.AsyncClient.__module__)
"""


def _run(code: str) -> str:
    answer = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    return answer.stdout


def test_a_served_service_imports_neither_the_test_client_nor_httpx():
    assert _run(PROBE).strip() == "[]"


def test_the_test_client_and_httpx_are_there_when_used():
    assert _run(CLIENT).split() == ["pong", "httpx"]


def test_without_the_stand_ins_connexion_imports_both():
    """The guard: if Connexion stops importing them eagerly, the stand-ins are moot."""
    code = "import sys, connexion; print('starlette.testclient' in sys.modules, 'httpx' in sys.modules)"
    assert _run(f"import warnings; warnings.simplefilter('ignore'); {code}").split() == ["True", "True"]
