"""Alembic environment: run this service's migrations online."""

from alembic import context

from runnerly_core.db import run_migrations_online
from runnerly_import.models import Base

run_migrations_online(context, Base.metadata)
