"""Garmin's Training Center XML: laps of track points, heart rate, run cadence."""

from __future__ import annotations

from runnerly_import.parsing.track import Refused, Track
from runnerly_import.parsing.xml import child_text, children, instant, local, number, parse_xml


def parse_tcx(data: bytes) -> Track:
    root = parse_xml(data, "TCX")
    if local(root) != "TrainingCenterDatabase":
        raise Refused(f"This is not a TCX file: its root element is <{local(root)}>.")
    activities = [a for group in children(root, "Activities") for a in children(group, "Activity")]
    if not activities:
        raise Refused("The TCX file has no activity.")
    activity = activities[0]
    track = Track(format="tcx", sport=activity.get("Sport"), name=child_text(activity, "Notes"))
    for lap in children(activity, "Lap"):
        start = instant(lap.get("StartTime"), "A lap")
        if start is not None:
            track.lap_starts.append(start)
        for trk in children(lap, "Track"):
            track.samples.extend(_sample(point) for point in children(trk, "Trackpoint"))
    if not track.samples:
        raise Refused("The TCX file has no track points.")
    return track


def _sample(point) -> tuple:
    lat = lon = None
    for position in children(point, "Position"):
        lat = number(child_text(position, "LatitudeDegrees"), "A latitude")
        lon = number(child_text(position, "LongitudeDegrees"), "A longitude")
    if lat is not None and lon is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise Refused("A track point's position is outside the globe.")
    heart_rate = None
    for heart in children(point, "HeartRateBpm"):
        heart_rate = number(child_text(heart, "Value"), "A heart rate")
    cadence = number(child_text(point, "Cadence"), "A cadence")
    for element in point.iter():
        if local(element) == "RunCadence":
            cadence = number(element.text, "A run cadence")
    return (
        instant(child_text(point, "Time"), "A track point"),
        lat,
        lon,
        number(child_text(point, "AltitudeMeters"), "An altitude"),
        number(child_text(point, "DistanceMeters"), "A distance"),
        heart_rate,
        cadence,
    )
