"""``python -m runnerly_core.together "runnerly-training consume-events" ...``: several of
the suite's long-running console commands in one process, a thread each.

``make run`` started each event consumer (the Strava, training and dashboard ones) and each
web service as a Python process of its own, about 90-100 MB each of mostly the same modules
(benchmarks/README.md). Consumers wait on the broker, and one developer's requests are few,
so one process serves them all. Each command runs as its console script would (the same
click command, the same settings from the environment); a web service's ``serve`` run in
a thread here serves on its own port and its own event loop in that thread
(:func:`runnerly_core.serving.serve_in_this_thread`). When one command ends, the others are
stopped and the process exits non-zero, for the process manager to start it again. SIGTERM
stops every consumer after the message in hand and every server after the requests in
hand (:func:`stop_on_sigterm`).
"""

from __future__ import annotations

import logging
import shlex
import signal
import sys
import threading
from importlib.metadata import entry_points

log = logging.getLogger(__name__)
_STOPPABLE: list[tuple[object, str]] = []  # (consumer or server, its flag), in this process's threads
# One command sets up at a time (imports, connections), until its consumer is ready to run:
# two threads importing kombu or celery at once can find their lazily-made package half-made.
_SETTING_UP = threading.Lock()
_state = threading.local()
_STOPPING = threading.Event()


def stop_on_sigterm(consumer, flag: str = "should_stop") -> None:
    """Let SIGTERM stop a kombu ``ConsumerMixin`` after the message in hand (or a uvicorn
    ``Server``, ``flag="should_exit"``, after the requests in hand): its own handler in a
    process of its own, this module's handler in a thread of ``together``."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda _signal, _frame: setattr(consumer, flag, True))
    else:
        _STOPPABLE.append((consumer, flag))
        setattr(consumer, flag, _STOPPING.is_set())  # one set up after SIGTERM stops at once
        _set_up()


class StopEvent(threading.Event):
    """An event that :func:`stop_on_sigterm` sets: ``stop_on_sigterm(event); event.wait()``
    runs until SIGTERM, in a process of its own or in a thread of ``together``."""

    @property
    def should_stop(self) -> bool:
        return self.is_set()

    @should_stop.setter
    def should_stop(self, value: bool) -> None:
        if value:
            self.set()


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
    for consumer, flag in _STOPPABLE:
        setattr(consumer, flag, True)
    ended.set()


if __name__ == "__main__":
    # The commands reach this module as runnerly_core.together (stop_on_sigterm): run that
    # module's copy, not this __main__ one, or their locks and stop lists would be two.
    from runnerly_core import together

    sys.exit(together.run(sys.argv[1:]))
