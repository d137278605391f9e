"""The long run: how long it may be, and how it grows from what the runner has done.

Daniels' rule (*Daniels' Running Formula*, 3rd ed., ch. 4): the long run is the lesser of
about 25-30 % of the week's volume and 150 minutes. The model states it as follows:

- at most 30 % of the week's volume; marathon plans 35 %, since the marathon's long run is
  its key session (Pfitzinger & Douglas, *Advanced Marathoning*, take it to 35 % too);
- at most 150 minutes at the middle of the easy range; marathon plans 180 minutes;
- at most 16/20/24/32 km for 5 km / 10 km / half / marathon plans;
- with fewer runs the long run needs a bigger share to stand out from the rest (on four
  days, 30 % leaves three runs of 23 %; on three days no run can stay under a third), so
  the share cap is 35 % on four days a week and 40 % on three;
- it grows from the runner's recent longest run by at most 1.5 km a week (about a mile,
  the step most plans use);
- it is always the longest run of its week: never shorter than an even share of what the
  sessions leave, and no easy run or session is longer.
"""

from dataclasses import dataclass

from ..paces import TrainingPaces
from .distances import race_group
from .volume import by_distance

SHARE_CAP = 0.30
MARATHON_SHARE_CAP = 0.35
SHARE_CAP_BY_DAYS = {3: 0.40, 4: 0.35}
MINUTES_CAP = 150.0
MARATHON_MINUTES_CAP = 180.0
KM_CAP = ((5000.0, 16.0), (10_000.0, 20.0), (21_097.5, 24.0), (42_195.0, 32.0))
STEP_KM_PER_WEEK = 1.5
# Without a recent longest run, a third of the recent week stands for it.
LONGEST_SHARE_OF_WEEK = 1 / 3
MIN_LONGEST_KM = 3.0


@dataclass(frozen=True)
class LongRunRule:
    share_cap: float
    cap_m: int
    start_km: float

    def target_m(self, week_m: int, week_number: int) -> int:
        """The long run a week of ``week_m`` asks for, before the longest-run check."""
        grown_m = (self.start_km + STEP_KM_PER_WEEK * week_number) * 1000
        return _step(min(self.ceiling_m(week_m), grown_m))

    def ceiling_m(self, week_m: int) -> int:
        """Never more than this, whatever the other runs of the week."""
        return _step(min(self.share_cap * week_m, self.cap_m))


def long_run_rule(
    distance_m: float,
    days_per_week: int,
    paces: TrainingPaces,
    recent_longest_km: float | None,
    recent_weekly_km: float,
) -> LongRunRule:
    marathon = race_group(distance_m) == "marathon"
    share = max(MARATHON_SHARE_CAP if marathon else SHARE_CAP, SHARE_CAP_BY_DAYS.get(days_per_week, 0.0))
    minutes = MARATHON_MINUTES_CAP if marathon else MINUTES_CAP
    time_cap_m = minutes * 60 / paces.easy.mid_s_per_km * 1000
    cap_m = _step(min(time_cap_m, by_distance(KM_CAP, distance_m) * 1000))
    if recent_longest_km is None:
        recent_longest_km = recent_weekly_km * LONGEST_SHARE_OF_WEEK
    return LongRunRule(share, cap_m, max(recent_longest_km, MIN_LONGEST_KM))


def _step(distance_m: float) -> int:
    return int(distance_m // 100) * 100
