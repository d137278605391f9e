"""Garmin's Training Center XML: laps of track points, heart rate, run cadence."""

from __future__ import annotations

import numpy as np

from runnerly_import.parsing import xml
from runnerly_import.parsing.track import Refused, Track
from runnerly_import.parsing.uniform import Shape, uniform_columns
from runnerly_import.parsing.xml import child_text, children, local, lower_name, numbers, times

# A trackpoint's elements, by lower-case local name ("value" is HeartRateBpm's).
COLUMNS = (
    "time",
    "latitudedegrees",
    "longitudedegrees",
    "altitudemeters",
    "distancemeters",
    "value",
    "cadence",
)
WALKED = tuple(
    f"{{*}}{name}"
    for name in (
        "Time",
        "LatitudeDegrees",
        "LongitudeDegrees",
        "AltitudeMeters",
        "DistanceMeters",
        "Value",
        "Cadence",
        "RunCadence",
    )
)
SHAPE = Shape(containers=("Lap", "Track"), point="Trackpoint", attributes=(), read=(*COLUMNS, "runcadence"))


def parse_tcx(data: bytes) -> Track:
    root = xml.parse_xml(data, "TCX")
    if local(root) != "TrainingCenterDatabase":
        raise Refused(f"This is not a TCX file: its root element is <{local(root)}>.")
    activities = [a for group in children(root, "Activities") for a in children(group, "Activity")]
    if not activities:
        raise Refused("The TCX file has no activity.")
    activity = activities[0]
    track = Track(format="tcx", sport=activity.get("Sport"), name=child_text(activity, "Notes"))
    laps = children(activity, "Lap")
    for lap in laps:
        start = xml.instant(lap.get("StartTime"), "A lap")
        if start is not None:
            track.lap_starts.append(start)
    columns = _uniform(activity, data) or _walked_columns(laps)
    if not columns["time"]:
        raise Refused("The TCX file has no track points.")
    _fill(track, columns)
    return track


def _uniform(activity, data: bytes) -> dict[str, list] | None:
    """The columns read a column at a time, when the points are all alike: the walk's
    values, RunCadence standing for Cadence (a point with both is left to the walk)."""
    found = uniform_columns(activity, data, SHAPE)
    if found is None or ("runcadence" in found.columns and "cadence" in found.columns):
        return None
    if "runcadence" in found.columns:
        found.columns["cadence"] = found.columns.pop("runcadence")
    return {name: found.columns.get(name, [None] * found.count) for name in COLUMNS}


def _walked_columns(laps: list) -> dict[str, list]:
    points = [
        point for lap in laps for trk in children(lap, "Track") for point in children(trk, "Trackpoint")
    ]
    columns: dict[str, list] = {name: [] for name in COLUMNS}
    for point in points:
        values = _values(point)
        for name in COLUMNS:
            columns[name].append(values.get(name))
    return columns


def _fill(track: Track, columns: dict[str, list]) -> None:
    track.time = times(columns["time"], "A track point")
    track.lat = numbers(columns["latitudedegrees"], "A latitude")
    track.lon = numbers(columns["longitudedegrees"], "A longitude")
    located = np.isfinite(track.lat) & np.isfinite(track.lon)
    if not (np.all(np.abs(track.lat[located]) <= 90) and np.all(np.abs(track.lon[located]) <= 180)):
        raise Refused("A track point's position is outside the globe.")
    track.altitude = numbers(columns["altitudemeters"], "An altitude")
    track.distance = numbers(columns["distancemeters"], "A distance")
    track.heartrate = numbers(columns["value"], "A heart rate")
    track.cadence = numbers(columns["cadence"], "A cadence")


def _values(point) -> dict[str, str]:
    """The first text of each column's element under the point; RunCadence (an extension)
    stands for Cadence."""
    values: dict[str, str] = {}
    for element in point.iter(*WALKED):
        name = lower_name(element.tag)
        if name == "runcadence":
            name = "cadence"
            values.pop(name, None)
        if name in COLUMNS and name not in values:
            text = (element.text or "").strip()
            if text:
                values[name] = text
    return values
