"""The training service's app factory."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import connexion

from runnerly_core.app import build_app
from runnerly_core.health import add_readiness_check
from runnerly_training.extensions import db, init_extensions
from runnerly_training.fitness.documents import HISTORY_WEEKS
from runnerly_training.load.documents import DEFAULT_RANGE_DAYS, WARM_UP_DAYS, WINDOW_DAYS
from runnerly_training.load.profile import DEFAULT_RESTING_HR
from runnerly_training.model import fitness, riegel
from runnerly_training.model.formatting import format_pace
from runnerly_training.model.plan import request
from runnerly_training.model.vdot import MAX_DISTANCE_M, MAX_HUMAN_VDOT, MIN_DISTANCE_M, SLOWEST_PACE_S_PER_KM
from runnerly_training.settings import SERVICE, TrainingSettings

SPEC = Path(__file__).parent / "openapi" / "training.yaml"


def create_app(settings: TrainingSettings | None = None) -> connexion.FlaskApp:
    settings = settings or TrainingSettings()
    app = build_app(__name__, service=SERVICE, settings=settings, spec=SPEC, spec_arguments=spec_arguments())
    init_extensions(app.app, settings)
    add_readiness_check(app.app, "database", db.ping)
    return app


def spec_arguments() -> dict:
    """The limits the spec documents and validates, taken from where they are decided, so
    that the spec and the model cannot drift apart."""
    return {
        "min_distance_m": MIN_DISTANCE_M,
        "max_distance_m": MAX_DISTANCE_M,
        "slowest_pace": format_pace(SLOWEST_PACE_S_PER_KM),
        "max_vdot": MAX_HUMAN_VDOT,
        "min_riegel_exponent": riegel.MIN_RIEGEL_EXPONENT,
        "max_riegel_exponent": riegel.MAX_RIEGEL_EXPONENT,
        "default_riegel_exponent": riegel.DEFAULT_RIEGEL_EXPONENT,
        "lookback_days": fitness.LOOKBACK_DAYS,
        "half_life_days": fitness.HALF_LIFE_DAYS,
        "max_fade": fitness.MAX_FADE,
        "history_weeks": HISTORY_WEEKS,
        "default_resting_hr": DEFAULT_RESTING_HR,
        "window_days": WINDOW_DAYS,
        "warm_up_days": WARM_UP_DAYS,
        "default_range_days": DEFAULT_RANGE_DAYS,
        "min_plan_distance_m": request.MIN_PLAN_DISTANCE_M,
        "max_plan_distance_m": request.MAX_PLAN_DISTANCE_M,
        "max_plan_days": request.MAX_PLAN_DAYS,
        "min_days_per_week": request.MIN_DAYS_PER_WEEK,
        "max_days_per_week": request.MAX_DAYS_PER_WEEK,
        "min_weekly_cap_km": request.MIN_WEEKLY_CAP_KM,
        # A race 16 weeks from the start, so that the example plan can be built as it is.
        "example_race_date": (datetime.now(UTC).date() + timedelta(weeks=16)).isoformat(),
    }
