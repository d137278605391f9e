"""Which activities are runs: the statistics count them, the fitness model learns from them.
Walks, hikes and rides are not runs, whatever their pace. Strava's sport types: the Strava
sync and the file import keep only these."""

RUNNING_SPORTS = ("Run", "TrailRun", "VirtualRun")
