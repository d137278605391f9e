"""One broker policy: the configured one, else the local RabbitMQ; SQLite only for make run."""

import socket

import pytest

from runnerly_core.brokers import LOCAL_RABBITMQ, broker_for, choose_broker, rabbitmq_answers


def test_a_configured_broker_is_used_as_it_is():
    assert broker_for("amqp://runnerly:pw@rabbitmq:5672//") == "amqp://runnerly:pw@rabbitmq:5672//"
    assert (
        choose_broker("amqp://runnerly:pw@rabbitmq:5672//", fallback=None)
        == "amqp://runnerly:pw@rabbitmq:5672//"
    )


def test_without_a_configured_broker_a_worker_uses_the_local_rabbitmq():
    assert broker_for("") == LOCAL_RABBITMQ


def test_make_run_falls_back_to_a_sqlite_file_when_no_rabbitmq_answers(monkeypatch, tmp_path):
    monkeypatch.setattr("runnerly_core.brokers.rabbitmq_answers", lambda: False)
    assert choose_broker("", fallback=tmp_path / "run" / "broker.sqlite") == (
        f"sqla+sqlite:///{tmp_path / 'run' / 'broker.sqlite'}"
    )
    assert (tmp_path / "run").is_dir()


def test_a_port_where_nothing_listens_does_not_answer():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert not rabbitmq_answers(f"amqp://guest:guest@127.0.0.1:{port}//")


def test_readiness_pings_a_broker_that_answers_and_raises_for_one_that_does_not():
    from runnerly_core.brokers import ping
    from runnerly_core.testing import TEST_BROKER_URL, broker_or_skip

    broker_or_skip(TEST_BROKER_URL).release()
    ping(TEST_BROKER_URL)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(Exception):  # noqa: B017, PT011 — kombu's error differs by transport
        ping(f"amqp://guest:guest@127.0.0.1:{port}//")
