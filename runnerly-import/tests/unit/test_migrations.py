"""The migrations build exactly the schema the models declare."""

from runnerly_core.testing import migration_differences
from runnerly_import.extensions import db
from runnerly_import.models import Base


def test_the_migrated_database_matches_the_models(connexion_app):
    assert migration_differences(db.engine, Base.metadata) == []
