"""The file's word for its sport, as one of Strava's ``sport_type`` values.

GPX ``<type>`` is free text (Strava's own exports write ``running``, older ones a number:
9 for a run, 1 for a ride); TCX has ``Sport="Running"``; FIT has ``sport`` and
``sub_sport`` (``trail``, ``treadmill`` ...). A file that says nothing is taken for a run:
it was uploaded to a running app.
"""

from __future__ import annotations

from runnerly_import.parsing.track import Track

BY_WORD = {
    "run": "Run",
    "running": "Run",
    "9": "Run",
    "street_running": "Run",
    "track_running": "Run",
    "trail_running": "TrailRun",
    "trailrun": "TrailRun",
    "trail": "TrailRun",
    "treadmill_running": "VirtualRun",
    "virtualrun": "VirtualRun",
    "walk": "Walk",
    "walking": "Walk",
    "10": "Walk",
    "hike": "Hike",
    "hiking": "Hike",
    "4": "Hike",
    "ride": "Ride",
    "biking": "Ride",
    "cycling": "Ride",
    "1": "Ride",
    "swimming": "Swim",
    "swim": "Swim",
}
RUN_SUB_SPORTS = {"trail": "TrailRun", "treadmill": "VirtualRun", "virtual_activity": "VirtualRun"}


def sport_type(track: Track) -> str:
    word = (track.sport or "").strip().lower().replace(" ", "_").replace("-", "_")
    if not word:
        return "Run"
    sport = BY_WORD.get(word, "Workout" if word not in ("other", "generic") else "Run")
    if sport == "Run" and track.sub_sport in RUN_SUB_SPORTS:
        return RUN_SUB_SPORTS[track.sub_sport]
    return sport
