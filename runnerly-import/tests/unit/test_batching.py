"""How jobs are cut into tasks, and how the worker finds the runs already there: few
requests for a bulk export, none of them missing a run."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import polyline
import pytest

from runnerly_import.activity.places import encode
from runnerly_import.jobs.matching import _clusters
from runnerly_import.uploads.services import BYTES_PER_TASK, JOBS_PER_TASK, tasks


def test_a_bulk_export_makes_tasks_of_many_files_each():
    ids = list(range(1, 251))
    cut = tasks(ids, [50_000] * 250)
    assert [len(task) for task in cut] == [JOBS_PER_TASK, JOBS_PER_TASK, 50]
    assert [job for task in cut for job in task] == ids


def test_large_files_make_smaller_tasks_and_a_huge_one_a_task_of_its_own():
    cut = tasks([1, 2, 3, 4], [BYTES_PER_TASK // 2, BYTES_PER_TASK // 2, BYTES_PER_TASK * 2, 10])
    assert cut == [[1, 2], [3], [4]]


def test_daily_runs_are_one_query_and_runs_months_apart_are_two():
    start = datetime(2024, 1, 1, tzinfo=UTC)
    daily = [start + timedelta(days=day) for day in range(100)]
    assert _clusters(daily) == [(daily[0], daily[-1])]
    apart = [start, start + timedelta(days=90)]
    assert _clusters(apart) == [(apart[0], apart[0]), (apart[1], apart[1])]


@pytest.mark.parametrize("scale", [1e-5, 1e-3, 1.0, 60.0])
def test_the_numpy_polyline_is_the_polyline_package_s_to_the_character(scale):
    steps = np.random.default_rng(7).uniform(-1, 1, size=(500, 2)) * scale
    points = np.clip(np.cumsum(steps, axis=0), -89, 179)
    expected = polyline.encode([tuple(point) for point in points.round(5).tolist()], 5)
    assert encode(points) == expected
