"""Garmin's FIT files, decoded by fitdecode with CRC checks on.

fitdecode's default data processor turns each date into a ``datetime`` (and a few types
into others) field by field: a quarter of the decoding time of a 1 Hz track. The reader
runs without it, and this module makes the dates it reads, by fitdecode's own rule
(a value below ``FIT_DATETIME_MIN`` counts from the device's power-on, not a date)."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import fitdecode
import numpy as np
from fitdecode.processors import FIT_DATETIME_MIN, FIT_UTC_REFERENCE

from runnerly_import.parsing.track import Refused, Track

SEMICIRCLES = 180.0 / 2**31
# A record's fields, in the track's columns (enhanced_altitude before altitude).
RECORD_FIELDS = {
    "lat": ("position_lat",),
    "lon": ("position_long",),
    "altitude": ("enhanced_altitude", "altitude"),
    "distance": ("distance",),
    "heartrate": ("heart_rate",),
    "cadence": ("cadence",),
}


def parse_fit(data: bytes) -> Track:
    if not data:
        raise Refused("The FIT file is empty.")
    track = Track(format="fit")
    rows: list[dict] = []
    try:
        reader = fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE, processor=None)
        with reader:
            for frame in reader:
                if frame.frame_type == fitdecode.FIT_FRAME_DATA:
                    _read(frame, track, rows)
    except fitdecode.FitError as error:
        raise Refused(f"The FIT file is corrupt or truncated: {error}") from None
    if not rows:
        raise Refused("The FIT file has no records with a time.")
    _fill(track, rows)
    return track


def _read(frame, track: Track, rows: list[dict]) -> None:
    # One pass over the frame's fields: fitdecode's get_value searches them per call.
    values = {field.name: field.value for field in frame.fields if field.value is not None}
    if frame.name == "record":
        if _is_date(values.get("timestamp")):
            rows.append(values)
    elif frame.name == "lap":
        start = values.get("start_time")
        if _is_date(start):
            track.lap_starts.append(datetime.fromtimestamp(FIT_UTC_REFERENCE + start, UTC))
    elif frame.name in ("session", "sport"):
        track.sport = str(values.get("sport") or track.sport or "") or None
        track.sub_sport = str(values.get("sub_sport") or track.sub_sport or "") or None
        if frame.name == "sport" and values.get("name"):
            track.name = str(values["name"])


def _fill(track: Track, rows: list[dict]) -> None:
    seconds = np.array([row["timestamp"] for row in rows], dtype=np.int64) + FIT_UTC_REFERENCE
    track.time = seconds.astype("datetime64[s]").astype("datetime64[us]")
    for column, names in RECORD_FIELDS.items():
        setattr(track, column, np.array([_number(row, names) for row in rows], dtype=float))
    positioned = np.isfinite(track.lat) & np.isfinite(track.lon)
    track.lat = np.where(positioned, track.lat * SEMICIRCLES, np.nan)
    track.lon = np.where(positioned, track.lon * SEMICIRCLES, np.nan)


def _is_date(value) -> bool:
    """A raw FIT ``date_time``: whole seconds since 1989-12-31 UTC."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= FIT_DATETIME_MIN


def _number(row: dict, names: tuple[str, ...]) -> float:
    for name in names:
        value = row.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    return float("nan")
