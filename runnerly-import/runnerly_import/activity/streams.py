"""The heart-rate and cadence streams a run keeps for zones and TRIMP, in the data
service's ``RunStreams`` form: comma-separated whole numbers, one per sample time, empty
where the device recorded nothing."""

from __future__ import annotations

import numpy as np

from runnerly_import.activity.samples import Samples

MAX_SAMPLES = 20_000  # the data service's bound; a longer track keeps every n-th sample
HIGHEST = {"heartrate": 250, "cadence": 300}  # the data service's ranges


def streams(samples: Samples) -> dict | None:
    """``None`` when the track has neither heart rate nor cadence."""
    every = int(np.ceil(len(samples.t) / MAX_SAMPLES))
    kept = {name: _listed(getattr(samples, name)[::every], high) for name, high in HIGHEST.items()}
    kept = {name: text for name, text in kept.items() if text is not None}
    if not kept:
        return None
    return {"time_s": ",".join(map(str, np.round(samples.t[::every]).astype(np.int64).tolist())), **kept}


def _listed(values: np.ndarray, high: int) -> str | None:
    whole = np.round(values)
    usable = np.isfinite(whole) & (whole >= 0) & (whole <= high)
    if not usable.any():
        return None
    numbers = np.where(usable, whole, -1).astype(np.int64).tolist()
    return ",".join("" if number < 0 else str(number) for number in numbers)
