"""ZIP archives (Strava and Garmin bulk exports), refused when hostile.

The web process reads only the archive's directory: how many members, what they claim
to inflate to, and their names. An archive with a member that escapes it (``../``, an
absolute path), with too many members, or that would inflate past the limits is refused
whole. The worker then inflates one member at a time, bounded by the size the directory
declared (zipfile stops there and checks the CRC), so a lying header cannot do more.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from runnerly_import.parsing.files import activity_kind
from runnerly_import.parsing.track import Refused

_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class ArchiveLimits:
    max_members: int
    max_bytes: int
    max_ratio: float
    max_file_bytes: int


def is_zip(filename: str) -> bool:
    return filename.lower().endswith(".zip")


def activity_members(data: bytes, limits: ArchiveLimits) -> list[tuple[str, int]]:
    """Names of the archive's activity files and what each inflates to; everything else
    (a CSV, photos) is skipped."""
    members = _directory(data)
    if len(members) > limits.max_members:
        raise Refused(f"The archive has {len(members)} members; at most {limits.max_members} are accepted.")
    for member in members:
        _check_name(member.filename)
    activities = [m for m in members if not m.is_dir() and activity_kind(m.filename)]
    _check_sizes(activities, limits)
    if not activities:
        raise Refused("The archive holds no GPX, TCX or FIT file (plain or .gz).")
    return [(member.filename, member.file_size) for member in activities]


def open_archive(data: bytes) -> zipfile.ZipFile | None:
    """The archive, opened once for all its members (None when it cannot be read)."""
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        return None


def read_member(archive: zipfile.ZipFile | None, name: str, limit: int) -> bytes:
    """One member's bytes, inflated; refused when corrupt, encrypted or past ``limit``."""
    if archive is None:
        raise Refused("The archive cannot be read.")
    try:
        info = archive.getinfo(name)
        if info.file_size > limit:
            raise Refused(f"{name} would inflate to {info.file_size} bytes; the limit is {limit}.")
        with archive.open(info) as member:
            return member.read(limit + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, EOFError, NotImplementedError) as error:
        raise Refused(f"{name} cannot be read from the archive: {error}.") from None
    except RuntimeError as error:  # zipfile's word for an encrypted member
        raise Refused(f"{name} cannot be read from the archive: {error}.") from None


def _directory(data: bytes) -> list[zipfile.ZipInfo]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as error:
        raise Refused(f"The file is not a readable ZIP archive: {error}.") from None


def _check_name(name: str) -> None:
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or _DRIVE.match(name) or ".." in parts or "\x00" in name:
        raise Refused(f"The archive is refused: its member {name[:200]!r} points outside the archive.")


def _check_sizes(members: list[zipfile.ZipInfo], limits: ArchiveLimits) -> None:
    total = sum(member.file_size for member in members)
    if total > limits.max_bytes:
        raise Refused(f"The archive would inflate to {total} bytes; at most {limits.max_bytes} are accepted.")
    for member in members:
        if member.file_size > limits.max_file_bytes:
            raise Refused(
                f"{member.filename} would inflate to {member.file_size} bytes; "
                f"at most {limits.max_file_bytes} are accepted per file."
            )
        if member.file_size > limits.max_ratio * max(member.compress_size, 1):
            raise Refused(
                f"{member.filename} inflates {member.file_size / max(member.compress_size, 1):.0f} times; "
                f"more than {limits.max_ratio:.0f} looks like a ZIP bomb."
            )
