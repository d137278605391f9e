"""A job's file, from its stored upload to a run: inflated, hashed, parsed and mapped.

Everything here is CPU work on untrusted bytes; whatever goes wrong becomes a
:class:`Refused` with a message for the runner, never an exception that would leave the
job hanging.
"""

from __future__ import annotations

import hashlib
import logging
import zipfile

from runnerly_import.activity.run import Limits, sourced_run
from runnerly_import.parsing import files
from runnerly_import.parsing.track import Refused
from runnerly_import.settings import ImportSettings
from runnerly_import.uploads import archives
from runnerly_import.uploads.models import ImportJob

log = logging.getLogger(__name__)


def read_run(job: ImportJob, stored: bytes | zipfile.ZipFile | None, settings: ImportSettings) -> dict:
    """The job's run (a ``SourcedRun``), or :class:`Refused`. ``stored`` is the uploaded
    file, or the opened archive the job's member is in."""
    name = job.member or job.filename
    kind = files.activity_kind(name)
    if kind is None:
        raise Refused(f"{name} is not a GPX, TCX or FIT file.")
    if job.member is not None:
        content = archives.read_member(stored, job.member, settings.max_file_bytes)
    elif isinstance(stored, bytes):
        content = stored
    else:
        raise Refused("The uploaded file is no longer stored; upload it again.")
    if kind[1]:
        content = files.inflate(content, settings.max_file_bytes)
    if len(content) > settings.max_file_bytes:
        raise Refused(f"{name} is larger than {settings.max_file_bytes} bytes.")
    content_hash = hashlib.sha256(content).hexdigest()
    limits = Limits(settings.max_average_speed_mps, settings.max_elapsed_seconds)
    try:
        return sourced_run(files.parse(kind[0], content), content_hash, limits)
    except Refused:
        raise
    except Exception as error:  # noqa: BLE001 — a parser's surprise on hostile bytes fails the job, with a reason
        log.warning("job %s: %s could not be read: %r", job.id, name, error)
        raise Refused(f"{name} could not be read: it looks corrupt ({type(error).__name__}).") from None


def summary(run: dict) -> dict:
    keys = ("start_time", "timezone", "sport_type", "distance_m", "moving_time_s", "elapsed_time_s", "name")
    return {key: run[key] for key in keys if key in run}
