"""Where ``make run`` keeps its state, so that the defaults of every service and CLI are
``make run``'s: a command typed after ``make run`` works on the suite it started.

``scripts/run_suite.py`` keeps SQLite files and the token dealer's keys in ``.run/`` at the
root of the repository. A service or CLI started without its own settings looks for that
folder in the working directory and its parents, so that it finds it from the root or
from a service's folder; where there is none yet, it means ``./.run``.
"""

from __future__ import annotations

from pathlib import Path

RUN_DIRECTORY = ".run"


def run_directory(start: Path | None = None) -> Path:
    """``make run``'s state folder: the nearest ``.run`` from ``start`` (the working
    directory) up, else ``start/.run``."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / RUN_DIRECTORY).is_dir():
            return folder / RUN_DIRECTORY
    return start / RUN_DIRECTORY


def local_database_url(name: str) -> str:
    """The SQLite database ``make run`` gives the service called ``name`` ("data" ...)."""
    return f"sqlite:///{run_directory() / f'{name}.sqlite'}"
