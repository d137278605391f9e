"""Several users.deleted consumers in one process (runnerly_core.together, make run's
`events`), on a real RabbitMQ: each gets its events, SIGTERM stops them all cleanly, and
the process ends when one of them does."""

import signal
import subprocess
import sys
import time
import uuid

import pytest

from runnerly_core import events
from runnerly_core.testing import TEST_EXCHANGE, broker_or_skip
from runnerly_core.together import console_command, run_commands

CONSUMERS = """
import sys, click
from runnerly_core import deletions, together

def consumer(queue, out):
    @click.command()
    def command():
        def forget(user_id):
            with open(out, "a") as file:
                file.write(f"{{queue}} {{user_id}}\\n")
        deletions.consume({broker!r}, queue, forget, exchange_name={exchange!r})
    return (queue, command, [])

sys.exit(together.run_commands([consumer(q, {out!r}) for q in {queues!r}]))
"""


@pytest.fixture
def connection():
    connection = broker_or_skip()
    yield connection
    connection.release()


def test_each_consumer_gets_its_events_and_sigterm_stops_them_all(connection, tmp_path):
    queues = [f"test-together-{uuid.uuid4().hex}" for _ in range(2)]
    out = tmp_path / "forgotten.txt"
    code = CONSUMERS.format(
        broker=connection.as_uri(include_password=True), exchange=TEST_EXCHANGE, out=str(out), queues=queues
    )
    process = subprocess.Popen([sys.executable, "-c", code])  # noqa: S603 — our own code
    try:
        _wait_for(lambda: all(_has_consumer(connection, queue) for queue in queues))
        events.publish(connection, events.users_deleted(7), exchange_name=TEST_EXCHANGE)
        _wait_for(lambda: out.exists() and len(out.read_text().splitlines()) == 2)
        assert sorted(out.read_text().splitlines()) == sorted(f"{queue} 7" for queue in queues)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
        for queue in queues:
            connection.default_channel.queue_delete(queue)


def test_the_process_ends_when_one_command_ends():
    import click

    @click.command()
    def done() -> None:
        pass

    assert run_commands([("done", done, [])]) == 1  # for the process manager to restart it


def test_a_console_script_line_names_its_command_and_arguments():
    command, arguments = console_command("pytest -q --co")
    assert arguments == ["-q", "--co"]
    assert callable(command)
    with pytest.raises(SystemExit, match="no console script"):
        console_command("no-such-runnerly-script")


def _has_consumer(connection, queue: str) -> bool:
    try:
        return connection.default_channel.queue_declare(queue, passive=True).consumer_count > 0
    except Exception:  # noqa: BLE001 — not declared yet; the channel must be reopened
        connection.close()
        return False


def _wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)
