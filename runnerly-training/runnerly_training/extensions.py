"""Module-level extensions, bound to the app in ``create_app`` (or to the event consumer)."""

from runnerly_core.db import Database
from runnerly_training.datasource import DataSource
from runnerly_training.settings import TrainingSettings

db = Database()
data_service = DataSource()


def init_extensions(flask_app, settings: TrainingSettings) -> None:
    db.init_app(flask_app, settings.database_url)
    data_service.init_app(settings)
