"""Garmin's Training Center XML: laps of track points, heart rate, run cadence."""

from __future__ import annotations

import numpy as np

from runnerly_import.parsing import xml
from runnerly_import.parsing.track import Refused, Track
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


def parse_tcx(data: bytes) -> Track:
    root = xml.parse_xml(data, "TCX")
    if local(root) != "TrainingCenterDatabase":
        raise Refused(f"This is not a TCX file: its root element is <{local(root)}>.")
    activities = [a for group in children(root, "Activities") for a in children(group, "Activity")]
    if not activities:
        raise Refused("The TCX file has no activity.")
    activity = activities[0]
    track = Track(format="tcx", sport=activity.get("Sport"), name=child_text(activity, "Notes"))
    points = []
    for lap in children(activity, "Lap"):
        start = xml.instant(lap.get("StartTime"), "A lap")
        if start is not None:
            track.lap_starts.append(start)
        points += [point for trk in children(lap, "Track") for point in children(trk, "Trackpoint")]
    if not points:
        raise Refused("The TCX file has no track points.")
    _fill(track, points)
    return track


def _fill(track: Track, points: list) -> None:
    columns: dict[str, list] = {name: [] for name in COLUMNS}
    for point in points:
        values = _values(point)
        for name in COLUMNS:
            columns[name].append(values.get(name))
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
