"""``python -m runnerly_core.serving``: uvicorn's command line, for ``serve --single-process``.

The same as ``python -m uvicorn``, but Connexion is imported without Starlette's test
client first (:mod:`runnerly_core.lazyimports`): a service is ready sooner.
"""

from runnerly_core.lazyimports import defer_test_client

if __name__ == "__main__":
    defer_test_client()
    from uvicorn.main import main

    main()
