"""Small, real activity files made by the tests: GPX and TCX written as their schemas say,
FIT written by fit-tool (a FIT encoder), gzipped and zipped like a Strava bulk export.

Tracks run due north along a meridian, where the haversine distance between two points
is exactly R x their latitude difference in radians: hand-computable figures.
"""

from __future__ import annotations

import gzip
import io
import math
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

EARTH_RADIUS_M = 6_371_000.0
START = datetime(2026, 3, 1, 7, 30, tzinfo=UTC)
PARIS = (48.8566, 2.3522)


@dataclass
class Point:
    t: float  # seconds after the start
    lat: float | None
    lon: float | None
    ele: float | None = None
    hr: int | None = None
    cad: int | None = None
    distance: float | None = None  # the device's cumulative distance (TCX, FIT)


@dataclass
class Activity:
    points: list[Point]
    start: datetime = START
    name: str | None = "Sunday long run"
    sport: str = "running"
    lap_offsets: list[float] = field(default_factory=list)  # seconds after the start


def metres_to_degrees(metres: float) -> float:
    return math.degrees(metres / EARTH_RADIUS_M)


def run_north(
    seconds: int,
    speed: float = 3.0,
    start: tuple[float, float] = PARIS,
    every: int = 1,
    ele=lambda i: 35.0,
    hr=lambda i: 150,
    cad=lambda i: 85,
    pause: tuple[int, int] | None = None,
) -> list[Point]:
    """A run north at ``speed`` m/s, one point every ``every`` s; during ``pause`` (from,
    to seconds) the runner stands still and the watch records nothing."""
    points, metres = [], 0.0
    for t in range(0, seconds + 1, every):
        if pause and pause[0] < t < pause[1]:
            continue
        if points:
            moving_seconds = t - points[-1].t - (_overlap(points[-1].t, t, pause) if pause else 0)
            metres += speed * moving_seconds
        lat = start[0] + metres_to_degrees(metres)
        points.append(Point(t, lat, start[1], ele(t), hr(t), cad(t), metres))
    return points


def _overlap(a: float, b: float, pause: tuple[int, int]) -> float:
    return max(0.0, min(b, pause[1]) - max(a, pause[0]))


def ten_k(start: datetime = START) -> Activity:
    """10 km at 3.125 m/s (5:20/km), one point every 2 s: 3,200 s."""
    return Activity(run_north(3200, speed=3.125, every=2), start=start, name="Tempo 10k")


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def gpx(activity: Activity, sport: str | None = None) -> bytes:
    points = "".join(_gpx_point(activity.start, p) for p in activity.points)
    kind = sport or activity.sport
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="runnerly-tests" xmlns="http://www.topografix.com/GPX/1/1"'
        ' xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
        f"<trk><name>{activity.name or ''}</name><type>{kind}</type><trkseg>{points}</trkseg></trk></gpx>"
    ).encode()


def _gpx_point(start: datetime, p: Point) -> str:
    ele = f"<ele>{p.ele}</ele>" if p.ele is not None else ""
    ext = ""
    if p.hr is not None or p.cad is not None:
        hr = f"<gpxtpx:hr>{p.hr}</gpxtpx:hr>" if p.hr is not None else ""
        cad = f"<gpxtpx:cad>{p.cad}</gpxtpx:cad>" if p.cad is not None else ""
        ext = f"<extensions><gpxtpx:TrackPointExtension>{hr}{cad}</gpxtpx:TrackPointExtension></extensions>"
    when = iso(start + timedelta(seconds=p.t))
    return f'<trkpt lat="{p.lat:.7f}" lon="{p.lon:.7f}">{ele}<time>{when}</time>{ext}</trkpt>'


def tcx(activity: Activity) -> bytes:
    offsets = activity.lap_offsets or [0.0]
    laps = []
    for number, first in enumerate(offsets):
        last = offsets[number + 1] if number + 1 < len(offsets) else float("inf")
        points = "".join(_tcx_point(activity.start, p) for p in activity.points if first <= p.t < last)
        laps.append(
            f'<Lap StartTime="{iso(activity.start + timedelta(seconds=first))}">'
            f"<TotalTimeSeconds>0</TotalTimeSeconds><DistanceMeters>0</DistanceMeters>"
            f"<Track>{points}</Track></Lap>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"'
        ' xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">'
        f'<Activities><Activity Sport="Running"><Id>{iso(activity.start)}</Id>{"".join(laps)}</Activity>'
        "</Activities></TrainingCenterDatabase>"
    ).encode()


def _tcx_point(start: datetime, p: Point) -> str:
    position = (
        f"<Position><LatitudeDegrees>{p.lat:.7f}</LatitudeDegrees>"
        f"<LongitudeDegrees>{p.lon:.7f}</LongitudeDegrees></Position>"
        if p.lat is not None
        else ""
    )
    ele = f"<AltitudeMeters>{p.ele}</AltitudeMeters>" if p.ele is not None else ""
    dist = f"<DistanceMeters>{p.distance:.2f}</DistanceMeters>" if p.distance is not None else ""
    hr = f"<HeartRateBpm><Value>{p.hr}</Value></HeartRateBpm>" if p.hr is not None else ""
    cad = (
        f"<Extensions><ns3:TPX><ns3:RunCadence>{p.cad}</ns3:RunCadence></ns3:TPX></Extensions>"
        if p.cad
        else ""
    )
    when = iso(start + timedelta(seconds=p.t))
    return f"<Trackpoint><Time>{when}</Time>{position}{ele}{dist}{hr}{cad}</Trackpoint>"


def fit(activity: Activity, sub_sport=None) -> bytes:
    """A FIT activity written by fit-tool: file id, records, laps, a session."""
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.lap_message import LapMessage
    from fit_tool.profile.messages.record_message import RecordMessage
    from fit_tool.profile.messages.session_message import SessionMessage
    from fit_tool.profile.profile_type import FileType, Manufacturer, Sport

    millis = lambda seconds: round((activity.start.timestamp() + seconds) * 1000)  # noqa: E731
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    file_id = FileIdMessage()
    file_id.type, file_id.manufacturer, file_id.product = FileType.ACTIVITY, Manufacturer.DEVELOPMENT.value, 0
    file_id.time_created, file_id.serial_number = millis(0), 1234
    builder.add(file_id)
    for p in activity.points:
        record = RecordMessage()
        record.timestamp = millis(p.t)
        if p.lat is not None:
            record.position_lat, record.position_long = p.lat, p.lon
        record.altitude, record.heart_rate, record.cadence = p.ele, p.hr, p.cad
        if p.distance is not None:
            record.distance = p.distance
        builder.add(record)
    for offset in activity.lap_offsets:
        lap = LapMessage()
        lap.timestamp, lap.start_time = millis(offset), millis(offset)
        builder.add(lap)
    session = SessionMessage()
    session.timestamp, session.start_time = millis(activity.points[-1].t), millis(0)
    session.sport = Sport.RUNNING if activity.sport == "running" else Sport.CYCLING
    if sub_sport is not None:
        session.sub_sport = sub_sport
    builder.add(session)
    return builder.build().to_bytes()


def gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def strava_export(activities: dict[str, bytes]) -> bytes:
    """A Strava bulk export: activities/<id>.<ext> and activities.csv."""
    rows = "Activity ID,Activity Date,Activity Name,Activity Type,Filename\n" + "".join(
        f"{name.split('.')[0]},,Run,Run,activities/{name}\n" for name in activities
    )
    return zipped({"activities.csv": rows.encode(), **{f"activities/{n}": c for n, c in activities.items()}})
