"""Which activities are runs: the statistics count them, the fitness model learns from them.
Walks, hikes and rides are not runs, whatever their pace."""

RUNNING_SPORTS = ("Run", "TrailRun", "VirtualRun")
