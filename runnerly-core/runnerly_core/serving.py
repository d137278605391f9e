"""Serving a service's app with uvicorn, one process or one thread.

``python -m runnerly_core.serving`` is uvicorn's command line, for ``serve
--single-process``: the same as ``python -m uvicorn``, but Connexion is imported without
Starlette's test client first (:mod:`runnerly_core.lazyimports`), so a service is ready
sooner. :func:`serve_in_this_thread` is what ``serve`` does in a thread of
:mod:`runnerly_core.together` (``make run``'s one process for every web service).
"""

from __future__ import annotations

from runnerly_core.lazyimports import defer_test_client

GRACEFUL_SHUTDOWN_S = 10  # as gunicorn's --graceful-timeout


def serve_in_this_thread(app_factory: str, host: str, port: int) -> None:
    """Serve ``app_factory`` (``module:create_app()``) on ``host:port`` from this thread, on
    an event loop of its own, until SIGTERM reaches ``together``. Each service keeps its
    own loop: a handler that waits on a sibling service (Flask runs on the loop's thread,
    :mod:`runnerly_core.bridge`) blocks its own service only, not the sibling it waits on."""
    import uvicorn

    from runnerly_core import together

    defer_test_client()
    config = uvicorn.Config(
        app_factory.removesuffix("()"),
        factory=True,
        host=host,
        port=port,
        access_log=False,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S,
    )
    config.load()  # imports and builds the app while no other thread of together sets up
    server = uvicorn.Server(config)
    together.stop_on_sigterm(server, flag="should_exit")
    server.run()


if __name__ == "__main__":
    defer_test_client()
    from uvicorn.main import main

    main()
