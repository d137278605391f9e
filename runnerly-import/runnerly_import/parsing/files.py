"""Which parser a file name calls for, and the file's bytes once inflated (``.gz``)."""

from __future__ import annotations

import zlib

from runnerly_import.parsing.fit import parse_fit
from runnerly_import.parsing.gpx import parse_gpx
from runnerly_import.parsing.tcx import parse_tcx
from runnerly_import.parsing.track import Refused, Track

PARSERS = {"gpx": parse_gpx, "tcx": parse_tcx, "fit": parse_fit}
ACTIVITY_SUFFIXES = tuple(f".{kind}{gz}" for kind in PARSERS for gz in ("", ".gz"))
GZIP_WINDOW = 16 + zlib.MAX_WBITS


def activity_kind(filename: str) -> tuple[str, bool] | None:
    """("gpx" | "tcx" | "fit", gzipped) for an activity file's name, else None."""
    name = filename.lower()
    for kind in PARSERS:
        if name.endswith(f".{kind}"):
            return kind, False
        if name.endswith(f".{kind}.gz"):
            return kind, True
    return None


def inflate(data: bytes, limit: int) -> bytes:
    """A gzip file's content, refused when corrupt, truncated or larger than ``limit``."""
    inflater = zlib.decompressobj(GZIP_WINDOW)
    try:
        content = inflater.decompress(data, limit + 1)
    except zlib.error as error:
        raise Refused(f"The .gz file is corrupt: {error}.") from None
    if len(content) > limit:
        raise Refused(f"The .gz file inflates to more than {limit} bytes.")
    if not inflater.eof:
        raise Refused("The .gz file is truncated.")
    return content


def parse(kind: str, content: bytes) -> Track:
    return PARSERS[kind](content)
