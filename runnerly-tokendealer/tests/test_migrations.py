"""The migrations build exactly the schema the models declare."""

import pytest

from runnerly_core.testing import migration_differences
from runnerly_tokendealer.extensions import db
from runnerly_tokendealer.models import Base

pytestmark = pytest.mark.in_process


def test_the_migrated_database_matches_the_models():
    assert migration_differences(db.engine, Base.metadata) == []
