"""Imports a served process does not need, deferred until something uses them.

Connexion imports Starlette's test client at import time (``connexion.apps.abstract``:
``from starlette.testclient import TestClient``) only so that ``app.test_client()`` can
build one, and httpx (``connexion.security``) only for token-info URLs, which the suite
does not use. Together they are a third of a service's import time (``python -X
importtime``), paid by every process that serves. ``defer_test_client`` imports Connexion
with stand-ins for both modules: the test client's ``TestClient`` imports the real one
when called, and any attribute of the httpx stand-in comes from the real httpx, imported
then. Both stand-ins leave ``sys.modules`` once Connexion is imported, so any other import
gets the real modules. This relies on those two import lines of Connexion: Connexion is
pinned in constraints.txt and ``tests/test_lazyimports.py`` fails if they move.
"""

from __future__ import annotations

import importlib
import sys
import types

TEST_CLIENT = "starlette.testclient"
HTTPX = "httpx"


def defer_test_client() -> None:
    """Import Connexion without Starlette's test client and httpx (a no-op once any of the
    three is imported)."""
    if {"connexion", HTTPX, TEST_CLIENT} & sys.modules.keys():
        return
    stand_ins = {TEST_CLIENT: types.ModuleType(TEST_CLIENT), HTTPX: types.ModuleType(HTTPX)}
    stand_ins[TEST_CLIENT].TestClient = test_client
    stand_ins[HTTPX].__getattr__ = _from_real_httpx
    sys.modules.update(stand_ins)
    try:
        import connexion  # noqa: F401 — binds the stand-ins
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


def test_client(*args, **kwargs):
    """Starlette's ``TestClient(*args, **kwargs)``, imported on first use."""
    from starlette.testclient import TestClient

    return TestClient(*args, **kwargs)


def _from_real_httpx(attribute: str):
    return getattr(importlib.import_module(HTTPX), attribute)
