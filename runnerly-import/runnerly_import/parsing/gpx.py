"""GPX 1.0 and 1.1 tracks, with Garmin's TrackPointExtension (heart rate, cadence).

lxml rather than gpxpy: gpxpy builds a Python object per point and took 80 ms of CPU for a
30-minute track at 1 Hz where lxml takes 13 ms, and a bulk export has thousands of tracks.
When every point has the same elements (nearly every file), XPath reads each column in C
(:mod:`runnerly_import.parsing.uniform`); otherwise each point costs one walk over its
elements. Either way the columns of text become numbers in numpy.
"""

from __future__ import annotations

import numpy as np

from runnerly_import.parsing.track import Refused, Track
from runnerly_import.parsing.uniform import Shape, uniform_columns
from runnerly_import.parsing.xml import child_text, children, local, lower_name, numbers, parse_xml, times

HEART_RATE_TAGS = ("hr", "heartrate")
CADENCE_TAGS = ("cad", "cadence", "runcadence")
READ = ("time", "ele", *HEART_RATE_TAGS, *CADENCE_TAGS)
SHAPE = Shape(containers=("trk", "trkseg"), point="trkpt", attributes=("lat", "lon"), read=READ)
# The elements a point's walk stops at, in any namespace (lxml filters them in C).
WALKED = tuple(
    f"{{*}}{variant}"
    for name in ("time", "ele", "hr", "heartRate", "HeartRate", "cad", "cadence", "Cadence", "RunCadence")
    for variant in {name, name.lower()}
)


def parse_gpx(data: bytes) -> Track:
    root = parse_xml(data, "GPX")
    if local(root) != "gpx":
        raise Refused(f"This is not a GPX file: its root element is <{local(root)}>, not <gpx>.")
    tracks = children(root, "trk")
    track = Track(format="gpx")
    if tracks:
        track.name = child_text(tracks[0], "name")
        track.sport = child_text(tracks[0], "type")
    found = uniform_columns(root, data, SHAPE)
    columns = found.columns if found else _walked_columns(tracks)
    if not columns["lat"]:
        raise Refused("The GPX file has no track points.")
    _fill(track, columns)
    return track


def _walked_columns(tracks: list) -> dict[str, list]:
    """Each point's values, one walk over its elements (for any shape of file)."""
    segments = [segment for trk in tracks for segment in children(trk, "trkseg")]
    rows = [row for segment in segments for row in _rows(segment)]
    columns: dict[str, list] = {name: [values.get(name) for _, values in rows] for name in READ}
    columns["lat"] = [point.get("lat") for point, _ in rows]
    columns["lon"] = [point.get("lon") for point, _ in rows]
    return columns


def _rows(segment) -> list[tuple]:
    """(point, its values) for each point of a segment, in one walk that lxml filters in
    C: each wanted element belongs to the point it follows. A segment whose own extensions
    follow its points is walked point by point instead."""
    if len(segment) and lower_name(segment[-1].tag) != "trkpt":
        return [(point, _values(point.iter(*WALKED))) for point in children(segment, "trkpt")]
    rows: list[tuple] = []
    values: dict[str, str] = {}
    for element in segment.iter("{*}trkpt", *WALKED):
        name = lower_name(element.tag)
        if name == "trkpt":
            values = {}
            rows.append((element, values))
        elif rows and name not in values:
            _keep(values, name, element.text)
    return rows


def _values(elements) -> dict[str, str]:
    """The first text of each wanted element under a point (its extensions included)."""
    values: dict[str, str] = {}
    for element in elements:
        name = lower_name(element.tag)
        if name not in values:
            _keep(values, name, element.text)
    return values


def _keep(values: dict[str, str], name: str, text: str | None) -> None:
    text = (text or "").strip()
    if text:
        values[name] = text


def _fill(track: Track, columns: dict[str, list]) -> None:
    """``columns``: the points' texts (``None`` where missing) by attribute or element name."""
    count = len(columns["lat"])
    track.lat = numbers(columns["lat"], "A track point's latitude")
    track.lon = numbers(columns["lon"], "A track point's longitude")
    if not (np.all(np.abs(track.lat) <= 90) and np.all(np.abs(track.lon) <= 180)):
        raise Refused("A track point has no valid latitude and longitude.")  # NaN fails too
    track.time = times(_column(columns, ("time",), count), "A track point")
    track.altitude = numbers(_column(columns, ("ele",), count), "An elevation")
    track.distance = np.full(count, np.nan)
    track.heartrate = numbers(_column(columns, HEART_RATE_TAGS, count), "A heart rate")
    track.cadence = numbers(_column(columns, CADENCE_TAGS, count), "A cadence")


def _column(columns: dict[str, list], names: tuple[str, ...], count: int) -> list:
    """Each point's first value among ``names``, in that order of preference."""
    given = [columns[name] for name in names if columns.get(name)]
    if not given:
        return [None] * count
    if len(given) == 1:
        return given[0]
    rows = zip(*given, strict=True)
    return [next((value for value in values if value is not None), None) for values in rows]
