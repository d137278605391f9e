"""Connexion's per-operation decorators, built once per operation instead of per request.

Connexion 3.3 serves each operation through a ``FlaskOperation`` whose ``fn`` property
builds a ``FlaskDecorator`` on every request, and that decorator's wrapper builds the
parameter and response decorators again on every call (``decorate``), inspecting the
handler's signature three times: about a tenth of the CPU the data service spent on
"list 50 runs" beyond the plain-Flask anchor (benchmarks/README.md). The decorators do not
depend on the request (it is passed to the decorated function), so
:func:`decorate_once` builds them at start and puts the result in Flask's view functions.
What runs per request is Connexion's own code, unchanged: parameter parsing, response
serialisation. It reads ``FlaskOperation._fn`` (private): Connexion is pinned in
constraints.txt and ``tests/test_operations.py`` fails if it moves.
"""

from __future__ import annotations

import functools

from connexion.apps.flask import FlaskOperation
from connexion.decorators import FlaskDecorator


class OnceFlaskDecorator(FlaskDecorator):
    """``FlaskDecorator`` with its inner decorators built when it wraps the handler."""

    def __call__(self, function):
        decorated = self.decorate(function)

        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            return decorated(self.framework.get_request(uri_parser=self.uri_parser))

        wrapper.runnerly_decorated_once = True  # what tests look for
        return wrapper


def decorate_once(flask_app) -> int:
    """Replace each Connexion operation among ``flask_app``'s view functions with its
    handler decorated once; the number replaced."""
    replaced = 0
    for endpoint, view in list(flask_app.view_functions.items()):
        if isinstance(view, FlaskOperation):
            decorator = OnceFlaskDecorator(pythonic_params=view.pythonic_params, jsonifier=view.jsonifier)
            flask_app.view_functions[endpoint] = decorator(view._fn)
            replaced += 1
    return replaced


def install(connexion_app) -> None:
    """Decorate the operations once when Connexion adds the API to Flask (it does so when it
    builds its middleware stack, on the first request or lifespan event, not in ``add_api``)."""
    middleware_app = connexion_app._middleware_app  # FlaskASGIApp, as in runnerly_core.bridge
    add_api = middleware_app.add_api

    def add_api_then_decorate_once(*args, **kwargs):
        api = add_api(*args, **kwargs)
        decorate_once(middleware_app.app)
        return api

    middleware_app.add_api = add_api_then_decorate_once
