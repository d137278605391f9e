"""The migrations and the models describe the same schema."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from runnerly_tokendealer.extensions import db
from runnerly_tokendealer.models import Base

pytestmark = pytest.mark.in_process


def test_the_migrations_create_what_the_models_declare():
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)

    assert differences == []
