"""Every model of the service, so that ``Base.metadata`` is complete (Alembic, tests)."""

from runnerly_data.base import Base
from runnerly_data.events import OutboxEvent
from runnerly_data.plans.models import Plan, PlannedRun
from runnerly_data.races.models import Race
from runnerly_data.runs.models import Run
from runnerly_data.shoes.models import RunShoe, Shoe
from runnerly_data.users.models import User

__all__ = ["Base", "OutboxEvent", "Plan", "PlannedRun", "Race", "Run", "RunShoe", "Shoe", "User"]
