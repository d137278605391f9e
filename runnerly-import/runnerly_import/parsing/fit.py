"""Garmin's FIT files, decoded by fitdecode with CRC checks on."""

from __future__ import annotations

import io
from datetime import datetime

import fitdecode
import numpy as np

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
        with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE) as reader:
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
        if isinstance(values.get("timestamp"), datetime):
            rows.append(values)
    elif frame.name == "lap":
        start = values.get("start_time")
        if isinstance(start, datetime):
            track.lap_starts.append(start)
    elif frame.name in ("session", "sport"):
        track.sport = str(values.get("sport") or track.sport or "") or None
        track.sub_sport = str(values.get("sub_sport") or track.sub_sport or "") or None
        if frame.name == "sport" and values.get("name"):
            track.name = str(values["name"])


def _fill(track: Track, rows: list[dict]) -> None:
    micros = [round(row["timestamp"].timestamp() * 1e6) for row in rows]
    track.time = np.array(micros, dtype=np.int64).astype("datetime64[us]")
    for column, names in RECORD_FIELDS.items():
        setattr(track, column, np.array([_number(row, names) for row in rows], dtype=float))
    positioned = np.isfinite(track.lat) & np.isfinite(track.lon)
    track.lat = np.where(positioned, track.lat * SEMICIRCLES, np.nan)
    track.lon = np.where(positioned, track.lon * SEMICIRCLES, np.nan)


def _number(row: dict, names: tuple[str, ...]) -> float:
    for name in names:
        value = row.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    return float("nan")
