"""``python -m runnerly_core.together "runnerly-training consume-events" ...``: several of
the suite's long-running console commands in one process, a thread each.

``make run`` started each event consumer (the Strava, training and dashboard ones) as a
Python process of its own, about 90 MB each of mostly the same modules
(benchmarks/README.md). Their work is waiting on the broker, so one process serves them
all. Each command runs as its console script would (the same click command, the same
settings from the environment); when one ends, the others are stopped and the process
exits non-zero, for the process manager to start it again. SIGTERM stops every consumer
after the message in hand (:func:`stop_on_sigterm`).
"""

from __future__ import annotations

import logging
import shlex
import signal
import sys
import threading
from importlib.metadata import entry_points

log = logging.getLogger(__name__)
_STOPPABLE: list = []  # consumers started in this process's threads
# One command sets up at a time (imports, connections), until its consumer is ready to run:
# two threads importing kombu or celery at once can find their lazily-made package half-made.
_SETTING_UP = threading.Lock()
_state = threading.local()
_STOPPING = threading.Event()


def stop_on_sigterm(consumer) -> None:
    """Let SIGTERM stop a kombu ``ConsumerMixin`` after the message in hand: its own handler
    in a process of its own, this module's handler in a thread of ``together``."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda _signal, _frame: setattr(consumer, "should_stop", True))
    else:
        _STOPPABLE.append(consumer)
        consumer.should_stop = _STOPPING.is_set()  # a consumer set up after SIGTERM stops at once
        _set_up()


def _set_up() -> None:
    """This thread's command has set up: let the next one start."""
    if getattr(_state, "setting_up", False):
        _state.setting_up = False
        _SETTING_UP.release()


def console_command(line: str):
    """The click command behind a console script line, and its arguments."""
    script, *arguments = shlex.split(line)
    found = entry_points(group="console_scripts", name=script)
    if not found:
        raise SystemExit(f"no console script named {script!r}")
    return next(iter(found)).load(), arguments


def run(lines: list[str]) -> int:
    return run_commands([(line, *console_command(line)) for line in lines])


def run_commands(commands: list[tuple]) -> int:
    """Run each ``(name, click command, arguments)`` in a thread until one ends or SIGTERM
    comes: 0 after SIGTERM, else 1."""
    ended, terminated = threading.Event(), threading.Event()
    signal.signal(signal.SIGTERM, lambda _signal, _frame: (terminated.set(), _stop_all(ended)))
    threads = [
        threading.Thread(target=_serve, args=(command, arguments, line, ended), name=line, daemon=True)
        for line, command, arguments in commands
    ]
    for thread in threads:
        thread.start()
    ended.wait()
    _stop_all(ended)
    for thread in threads:
        thread.join(timeout=15)
    return 0 if terminated.is_set() else 1


def _serve(command, arguments: list[str], line: str, ended: threading.Event) -> None:
    _SETTING_UP.acquire()
    _state.setting_up = True
    try:
        command.main(args=arguments, prog_name=line, standalone_mode=False)
        log.warning("%s ended", line)
    except Exception:
        log.exception("%s failed", line)
    finally:
        _set_up()
        ended.set()


def _stop_all(ended: threading.Event) -> None:
    _STOPPING.set()
    for consumer in _STOPPABLE:
        consumer.should_stop = True
    ended.set()


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
