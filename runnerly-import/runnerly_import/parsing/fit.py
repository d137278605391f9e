"""Garmin's FIT files, decoded by fitdecode with CRC checks on."""

from __future__ import annotations

import io

import fitdecode

from runnerly_import.parsing.track import Refused, Track

SEMICIRCLES = 180.0 / 2**31


def parse_fit(data: bytes) -> Track:
    if not data:
        raise Refused("The FIT file is empty.")
    track = Track(format="fit")
    try:
        with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE) as reader:
            for frame in reader:
                if frame.frame_type == fitdecode.FIT_FRAME_DATA:
                    _read(frame, track)
    except fitdecode.FitError as error:
        raise Refused(f"The FIT file is corrupt or truncated: {error}") from None
    if not track.samples:
        raise Refused("The FIT file has no records with a time.")
    return track


def _read(frame, track: Track) -> None:
    if frame.name == "record":
        sample = _sample(frame)
        if sample[0] is not None:
            track.samples.append(sample)
    elif frame.name == "lap":
        start = _value(frame, "start_time")
        if start is not None and hasattr(start, "tzinfo"):
            track.lap_starts.append(start)
    elif frame.name in ("session", "sport"):
        track.sport = str(_value(frame, "sport") or track.sport or "") or None
        track.sub_sport = str(_value(frame, "sub_sport") or track.sub_sport or "") or None
        if frame.name == "sport" and _value(frame, "name"):
            track.name = str(_value(frame, "name"))


def _sample(frame) -> tuple:
    lat, lon = _value(frame, "position_lat"), _value(frame, "position_long")
    if isinstance(lat, int) and isinstance(lon, int):
        lat, lon = lat * SEMICIRCLES, lon * SEMICIRCLES
    else:
        lat = lon = None
    altitude = _value(frame, "enhanced_altitude", "altitude")
    when = _value(frame, "timestamp")
    return (
        when if hasattr(when, "tzinfo") else None,
        lat,
        lon,
        _number(altitude),
        _number(_value(frame, "distance")),
        _number(_value(frame, "heart_rate")),
        _number(_value(frame, "cadence")),
    )


def _value(frame, *names):
    for name in names:
        if frame.has_field(name):
            value = frame.get_value(name, fallback=None)
            if value is not None:
                return value
    return None


def _number(value) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
