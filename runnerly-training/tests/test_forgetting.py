"""A runner deleted elsewhere (``users.deleted``) loses every cached row here, and no
other runner does."""

from sqlalchemy import func, select

from runnerly_training.forgetting import PER_USER, forget
from runnerly_training.snapshots.models import ProcessedEvent, RunSplits, TrainingSnapshot


def cache_rows(session, user_id: int) -> int:
    return sum(
        session.scalar(select(func.count()).select_from(model).where(model.user_id == user_id))
        for model in PER_USER
    )


def cache_of(session, user_id: int) -> None:
    session.add(TrainingSnapshot(user_id=user_id, generation=1))
    session.add(RunSplits(run_id=user_id * 100, user_id=user_id, version=1, splits=[]))
    session.add(ProcessedEvent(event_id=f"event-{user_id}", user_id=user_id))
    session.commit()


def test_a_deleted_runners_caches_are_dropped_and_no_one_elses(session):
    cache_of(session, 7)
    cache_of(session, 8)

    assert forget(7) == 3

    assert cache_rows(session, 7) == 0
    assert cache_rows(session, 8) == 3


def test_the_same_event_twice_changes_nothing_the_second_time(session):
    cache_of(session, 7)
    forget(7)

    assert forget(7) == 0
