"""The feasibility gate: a plan that cannot prepare the runner for the race is refused.

A plan is refused, not built with warnings, when the volume it can reach in the weeks
available, or the longest long run it can build to, is far below what the distance
needs. The thresholds are deliberately low (about half of what beginner plans reach:
Higdon's novice half tops out near 40 km a week with a 16-19 km long run, his novice
marathon near 65 km with a 32 km long run), so that only plans that would send a
runner to the start line unprepared are refused:

| race | peak km/week at least | longest run at least |
|---|---|---|
| 5 km | 9 | 3 km |
| 10 km | 12 | 5 km |
| half marathon | 18 | 9 km |
| marathon | 30 | 16 km |

Distances between these are interpolated linearly.
"""

from collections.abc import Sequence

from ..errors import InfeasiblePlan
from .distances import interpolate, race_name
from .long_run import STEP_KM_PER_WEEK, LongRunRule
from .request import PlanRequest
from .volume import WeekFrame

MIN_PEAK_KM = ((5000.0, 9.0), (10_000.0, 12.0), (21_097.5, 18.0), (42_195.0, 30.0))
MIN_LONGEST_KM = ((5000.0, 3.0), (10_000.0, 5.0), (21_097.5, 9.0), (42_195.0, 16.0))
SHORTER_RACES_M = (21_097.5, 10_000.0, 5000.0)


def check_feasible(request: PlanRequest, frames: Sequence[WeekFrame], rule: LongRunRule) -> None:
    """Raise :class:`InfeasiblePlan` with advice when the plan is far too small for the race."""
    peak, longest = reachable(frames, rule)
    need_peak = interpolate(MIN_PEAK_KM, request.race_distance_m)
    need_longest = interpolate(MIN_LONGEST_KM, request.race_distance_m)
    if peak >= need_peak and longest >= need_longest:
        return
    name = race_name(request.race_distance_m)
    raise InfeasiblePlan(
        f"This plan cannot prepare you for a {name}: it reaches {peak:.0f} km a week and a "
        f"{longest:.1f} km long run, where a {name} needs at least {need_peak:.0f} km a week "
        f"and a {need_longest:.0f} km long run.",
        _advice(request, need_peak, need_longest, rule),
    )


def reachable(frames: Sequence[WeekFrame], rule: LongRunRule) -> tuple[float, float]:
    """The plan's peak weekly km and the longest long run it can build to (km)."""
    full = [f for f in frames if not f.is_partial]
    peak = max((f.target_km for f in full), default=0.0)
    longest = max((rule.target_m(round(f.target_km * 1000), f.number) / 1000 for f in full), default=0.0)
    return peak, longest


def _advice(
    request: PlanRequest, need_peak: float, need_longest: float, rule: LongRunRule
) -> tuple[str, ...]:
    weeks = max(0.0, (need_longest - rule.start_km) / STEP_KM_PER_WEEK)
    advice = [
        f"Build up first: about {weeks:.0f} weeks of growing volume toward {need_peak:.0f} km a week "
        "before a plan for this race, or pick a race further away.",
        "Or plan it as run-walk (for example 4 min running, 1 min walking) with a finish goal only.",
    ]
    shorter = [d for d in SHORTER_RACES_M if d < request.race_distance_m * 0.99]
    if shorter:
        names = ", ".join(race_name(d) for d in shorter)
        advice.insert(0, f"Or choose a shorter race ({names}).")
    return tuple(advice)
