"""Best efforts: the fastest time over each record distance, anywhere in the run, with the
distance interpolated along the track (as Strava computes its ``best_efforts``)."""

from __future__ import annotations

import numpy as np

from runnerly_core.runs import RECORD_DISTANCES
from runnerly_import.activity.samples import Samples


def best_efforts(samples: Samples) -> list[dict]:
    efforts = []
    t, distance = samples.t, samples.distance
    for name, metres in RECORD_DISTANCES.items():
        if distance[-1] < metres:
            break
        starts = distance <= distance[-1] - metres
        # The time the track reaches start + metres, for every sample it can start from.
        ends = np.interp(distance[starts] + metres, distance, t)
        durations = ends - t[starts]
        best = int(np.argmin(durations))
        efforts.append(
            {
                "name": name,
                "distance": metres,
                "elapsed_time": round(float(durations[best])),
                "start_offset_s": round(float(t[starts][best])),
            }
        )
    return efforts
