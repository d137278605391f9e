"""schemathesis hooks for the runs through the gateway (``SCHEMATHESIS_HOOKS``).

The runs pin ``user_id`` path parameters to carol's id (``[parameters]`` in their config), so
that requests reach the code behind the authorization check. schemathesis applies that pin
after drawing its coverage cases, negative ones included: a case made invalid only by an
out-of-range ``user_id`` is sent with carol's valid id, and the check "invalid data is
rejected" then reports the valid answer as a schema-violating request accepted. Those
cases are dropped here; every other negative case, and ``user_id``'s own negative values in
each service's in-process contract test (which pins nothing), still run.
"""

from __future__ import annotations

import schemathesis
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.meta import CoveragePhaseData

PINNED = frozenset({"user_id"})


def invalid_only_in_pinned_path_parameters(case) -> bool:
    meta = case.meta
    if meta is None or not meta.generation.mode.is_negative:
        return False
    data = meta.phase.data
    if not isinstance(data, CoveragePhaseData) or data.parameter_location != ParameterLocation.PATH:
        return False
    names = {data.parameter} if data.parameter else {mutation.parameter for mutation in data.mutations}
    return bool(names) and names <= PINNED


@schemathesis.hook
def filter_case(context, case) -> bool:
    return not invalid_only_in_pinned_path_parameters(case)
