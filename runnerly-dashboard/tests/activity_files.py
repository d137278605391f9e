"""Small real activity files for the upload tests: a GPX track run due north along a
meridian, where the haversine distance between two points is exactly R x their latitude
difference in radians, so its distance is known by hand."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

EARTH_RADIUS_M = 6_371_000.0  # the import service's haversine radius
PARIS = (48.8566, 2.3522)


def gpx_run(metres: float, speed_mps: float = 3.0, start: datetime | None = None, every_s: int = 2) -> bytes:
    """A GPX file of a run north from Paris of ``metres`` at ``speed_mps``, a point every
    ``every_s`` seconds (the last one where the distance is reached)."""
    start = start or datetime(2026, 3, 1, 7, 30, tzinfo=UTC)
    duration = metres / speed_mps
    times = [*range(0, math.ceil(duration), every_s), duration]
    points = "\n".join(_point(start, t, speed_mps * t) for t in times)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="runnerly-dashboard tests" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><name>Sunday long run</name><type>running</type><trkseg>
{points}
  </trkseg></trk>
</gpx>
""".encode()


def _point(start: datetime, t: float, metres: float) -> str:
    lat = PARIS[0] + math.degrees(metres / EARTH_RADIUS_M)
    when = (start + timedelta(seconds=t)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return f'    <trkpt lat="{lat:.7f}" lon="{PARIS[1]:.7f}"><ele>35.0</ele><time>{when}</time></trkpt>'
