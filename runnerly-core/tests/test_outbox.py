"""The transactional outbox: recorded with the change, published after it, kept when the
broker fails, pruned once old (SQLite and a real RabbitMQ)."""

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, sessionmaker

from runnerly_core import events, outbox
from runnerly_core.orm import naming_metadata, utcnow
from runnerly_core.testing import TEST_BROKER_URL, TEST_EXCHANGE, events_received


class Base(DeclarativeBase):
    metadata = naming_metadata()


class OutboxEvent(outbox.OutboxEventMixin, Base):
    pass


@pytest.fixture
def sessions(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'outbox.sqlite'}")
    Base.metadata.create_all(engine)
    yield sessionmaker(engine, expire_on_commit=False)
    engine.dispose()


# Other suites may publish on the same exchange at the same time: a user id of our own.
USER = 10**8 + uuid.uuid4().int % 10**8


def changed(*run_ids: int) -> dict:
    return events.runs_changed(USER, list(run_ids), "created")


@pytest.fixture
def received():
    """This module's events received while the test runs (other suites may publish too)."""
    with events_received(events.RUNS_CHANGED, prefix="test-outbox") as drain:
        yield lambda: [body for body in drain() if body["user_id"] == USER]


def record_committed(sessions, box, *bodies) -> None:
    with sessions() as session:
        for body in bodies:
            box.record(session, body)
        session.commit()


def rows(sessions) -> list[OutboxEvent]:
    with sessions() as session:
        return list(session.scalars(select(OutboxEvent).order_by(OutboxEvent.id)))


def test_recorded_events_are_published_in_order_and_marked(sessions, received):
    box = outbox.Outbox(OutboxEvent, sessions, TEST_BROKER_URL, exchange_name=TEST_EXCHANGE)
    bodies = [changed(n) for n in range(3)]
    record_committed(sessions, box, *bodies)
    assert box.publish_pending() == 3
    assert [body["event_id"] for body in received()] == [body["event_id"] for body in bodies]
    assert all(row.published_at is not None for row in rows(sessions))
    assert box.publish_pending() == 0


def test_an_event_of_a_rolled_back_change_is_never_published(sessions, received):
    box = outbox.Outbox(OutboxEvent, sessions, TEST_BROKER_URL, exchange_name=TEST_EXCHANGE)
    with sessions() as session:
        box.record(session, changed(1))
        session.rollback()
    assert box.publish_pending() == 0
    assert received() == []


def test_a_broker_failure_keeps_what_was_not_published(sessions, received, monkeypatch):
    box = outbox.Outbox(OutboxEvent, sessions, TEST_BROKER_URL, exchange_name=TEST_EXCHANGE)
    record_committed(sessions, box, *(changed(n) for n in range(3)))
    publish, calls = events.publish, []

    def fail_on_the_second(connection, body, **options):
        calls.append(body)
        if len(calls) == 2:
            raise ConnectionError("broker went away")
        publish(connection, body, **options)

    monkeypatch.setattr(events, "publish", fail_on_the_second)
    with pytest.raises(ConnectionError):
        box.publish_pending()
    assert [row.published_at is not None for row in rows(sessions)] == [True, False, False]

    monkeypatch.setattr(events, "publish", publish)
    assert box.publish_pending() == 2
    assert [body["run_ids"] for body in received()] == [[0], [1], [2]]


def test_published_events_are_pruned_after_the_retention(sessions, received):
    box = outbox.Outbox(
        OutboxEvent, sessions, TEST_BROKER_URL, exchange_name=TEST_EXCHANGE, retention=timedelta(days=7)
    )
    record_committed(sessions, box, changed(1), changed(2))
    box.publish_pending()
    with sessions() as session:
        old = session.scalars(select(OutboxEvent).order_by(OutboxEvent.id)).first()
        old.published_at = utcnow() - timedelta(days=8)
        session.commit()
    record_committed(sessions, box, changed(3))
    box.publish_pending()
    assert [row.body["run_ids"] for row in rows(sessions)] == [[2], [3]]


def test_without_a_broker_nothing_is_recorded(sessions):
    box = outbox.Outbox(OutboxEvent, sessions, "", exchange_name=TEST_EXCHANGE)
    record_committed(sessions, box, changed(1))
    assert not box.enabled
    assert rows(sessions) == []
    assert box.publish_pending() == 0
