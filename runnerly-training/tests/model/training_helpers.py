"""Small builders shared by the training-model tests."""

from datetime import UTC, date, datetime, time

from runnerly_training.model import RunRecord


def parse_time(text: str) -> float:
    """'1:31:35', '5:24' or '3:23.5' to seconds."""
    seconds = 0.0
    for part in text.split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def make_run(run_id: str, day: date, distance_m: float, moving_s: float, **fields: object) -> RunRecord:
    """A run starting at 07:00 UTC; elapsed time defaults to the moving time."""
    fields.setdefault("elapsed_time_s", moving_s)
    return RunRecord(
        id=run_id,
        start_time=datetime.combine(day, time(7, 0), tzinfo=UTC),
        distance_m=distance_m,
        moving_time_s=moving_s,
        **fields,  # type: ignore[arg-type]
    )
