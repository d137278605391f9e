"""Alembic environment: run this service's migrations online."""

from alembic import context
from runnerly_import.models import Base

from runnerly_core.db import run_migrations_online

run_migrations_online(context, Base.metadata)
