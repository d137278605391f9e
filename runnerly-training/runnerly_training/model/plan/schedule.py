"""Which weekdays carry runs, the long run and the quality sessions.

Runs are spread as evenly as the available weekdays allow, and two hard days
(quality sessions, the long run) are never placed back to back.
"""

from collections.abc import Iterable, Sequence

SUNDAY, SATURDAY = 6, 5
# Hard days need at least one easy or rest day between them.
MIN_GAP_BETWEEN_HARD_DAYS = 2


def weekday_gap(first: int, second: int) -> int:
    """Days between two weekdays, going round the week the shorter way."""
    distance = abs(first - second) % 7
    return min(distance, 7 - distance)


def long_run_weekday(available: Sequence[int], preferred: int | None) -> int:
    """The preferred day, else Sunday, else Saturday, else the last available day."""
    if preferred is not None:
        return preferred
    for candidate in (SUNDAY, SATURDAY):
        if candidate in available:
            return candidate
    return max(available)


def run_weekdays(available: Sequence[int], count: int, long_day: int) -> tuple[int, ...]:
    """``count`` weekdays including ``long_day``, each added as far from the others as possible."""
    chosen = [long_day]
    while len(chosen) < count:
        candidates = [day for day in available if day not in chosen]
        chosen.append(_farthest(candidates, chosen))
    return tuple(sorted(chosen))


def quality_weekdays(run_days: Sequence[int], long_day: int, count: int) -> tuple[int, ...]:
    """Up to ``count`` run days for sessions, none next to the long run or each other."""
    chosen: list[int] = []
    for _ in range(count):
        candidates = [day for day in run_days if day != long_day and day not in chosen]
        if not candidates:
            break
        best = _farthest(candidates, [long_day, *chosen])
        if _min_gap(best, [long_day, *chosen]) < MIN_GAP_BETWEEN_HARD_DAYS:
            break
        chosen.append(best)
    return tuple(chosen)


def _farthest(candidates: Sequence[int], taken: Iterable[int]) -> int:
    """The candidate farthest from every taken day; ties go to the earlier weekday."""
    taken = list(taken)
    return max(candidates, key=lambda day: (_min_gap(day, taken), -day))


def _min_gap(day: int, taken: Iterable[int]) -> int:
    return min(weekday_gap(day, other) for other in taken)
