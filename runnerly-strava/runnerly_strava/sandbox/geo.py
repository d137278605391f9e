"""GPS routes: loops and out-and-backs drawn around a start point, with hills.

A route is a shape in a local metric plane (x east, y north, metres) scaled so
that its length equals the activity's distance, then projected to lat/lng.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import polyline

from .model import City, Route

METRES_PER_DEGREE = 111_320.0
SUMMARY_SAMPLES = 48
DETAIL_SAMPLES = 400


@dataclass(frozen=True)
class TracePoint:
    lat: float
    lng: float
    altitude: float
    distance: float


@dataclass(frozen=True)
class RouteSummary:
    summary_polyline: str
    start_latlng: list[float]
    end_latlng: list[float]
    elevation_gain: float
    elev_high: float
    elev_low: float


def offset_point(lat: float, lng: float, east: float, north: float) -> tuple[float, float]:
    """The point `east` and `north` metres away from (lat, lng)."""
    metres_per_lng_degree = METRES_PER_DEGREE * math.cos(math.radians(lat))
    return lat + north / METRES_PER_DEGREE, lng + east / metres_per_lng_degree


def home_point(rng: random.Random, city: City, radius: float) -> tuple[float, float]:
    angle = rng.uniform(0, 2 * math.pi)
    reach = rng.uniform(0.2, 1.0) * radius
    return offset_point(city.lat, city.lng, reach * math.cos(angle), reach * math.sin(angle))


def make_route(rng: random.Random, start: tuple[float, float], altitude: float, hilliness: float) -> Route:
    kind = "loop" if rng.random() < 0.65 else "out_and_back"
    lateral = (0.03, 0.12) if kind == "loop" else (0.01, 0.04)
    wiggles = tuple((rng.uniform(*lateral), rng.randint(2, 7), rng.uniform(0, 2 * math.pi)) for _ in range(3))
    hills = tuple(
        (rng.uniform(0.3, 1.0), rng.randint(1, 4), rng.uniform(0, 2 * math.pi))
        for _ in range(rng.randint(2, 3))
    )
    return Route(
        kind=kind,
        start_lat=start[0],
        start_lng=start[1],
        rotation=rng.uniform(0, 2 * math.pi),
        wiggles=wiggles,
        hills=hills,
        base_altitude=altitude + rng.uniform(-8, 25),
        climb_per_km=hilliness * rng.uniform(0.5, 1.6),
    )


def _fold(u: float) -> float:
    """Out-and-back: the fraction of the outward leg reached at route fraction u."""
    return 2 * u if u <= 0.5 else 2 - 2 * u


def _shape(route: Route, u: float) -> tuple[float, float]:
    """Unscaled, unrotated position at route parameter u in [0, 1]."""
    if route.kind == "loop":
        theta = 2 * math.pi * u
        radius = 1 + sum(a * math.sin(k * theta + p) for a, k, p in route.wiggles)
        origin = 1 + sum(a * math.sin(p) for a, _, p in route.wiggles)
        return radius * math.cos(theta) - origin, radius * math.sin(theta)
    v = _fold(u)
    lateral = sum(a * (math.sin(math.pi * k * v + p) - math.sin(p)) for a, k, p in route.wiggles)
    return v, lateral


def _relief(route: Route, u: float, distance: float) -> float:
    """Altitude above the route's base at parameter u, scaled to its climb."""
    weights = sum(weight * k for weight, k, _ in route.hills)
    amplitude = route.climb_per_km * distance / 1000 / (2 * weights)
    angle = 2 * math.pi * u if route.kind == "loop" else math.pi * _fold(u)
    return amplitude * sum(w * math.sin(k * angle + p) for w, k, p in route.hills)


def trace(route: Route, distance: float, samples: int) -> list[TracePoint]:
    """`samples + 1` points from start to finish with cumulative distance."""
    shape = [_shape(route, i / samples) for i in range(samples + 1)]
    lengths = [0.0]
    for (x0, y0), (x1, y1) in pairwise(shape):
        lengths.append(lengths[-1] + math.hypot(x1 - x0, y1 - y0))
    scale = distance / lengths[-1] if lengths[-1] else 0.0
    cos_r, sin_r = math.cos(route.rotation), math.sin(route.rotation)
    points = []
    for i, ((x, y), length) in enumerate(zip(shape, lengths, strict=True)):
        east, north = scale * (x * cos_r - y * sin_r), scale * (x * sin_r + y * cos_r)
        lat, lng = offset_point(route.start_lat, route.start_lng, east, north)
        altitude = route.base_altitude + _relief(route, i / samples, distance)
        points.append(TracePoint(lat, lng, altitude, length * scale))
    return points


def encode(points: list[TracePoint]) -> str:
    return polyline.encode([(p.lat, p.lng) for p in points], 5)


def elevation_gain(altitudes: list[float]) -> float:
    return sum(max(0.0, b - a) for a, b in pairwise(altitudes))


@lru_cache(maxsize=8192)
def summarize_route(route: Route, distance: float) -> RouteSummary:
    points = trace(route, distance, SUMMARY_SAMPLES)
    altitudes = [p.altitude for p in points]
    return RouteSummary(
        summary_polyline=encode(points),
        start_latlng=[round(points[0].lat, 6), round(points[0].lng, 6)],
        end_latlng=[round(points[-1].lat, 6), round(points[-1].lng, 6)],
        elevation_gain=round(elevation_gain(altitudes), 1),
        elev_high=round(max(altitudes), 1),
        elev_low=round(min(altitudes), 1),
    )
