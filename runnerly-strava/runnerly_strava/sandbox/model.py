"""The sandbox's records: athletes, activities and the pace plan behind each one.

An activity is stored as a plan (segments of distance, time, heart rate and
cadence, a pause, a route); every number Strava shows is derived from the plan,
so summaries, laps, splits and streams always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class City:
    key: str
    name: str
    state: str | None
    country: str
    lat: float
    lng: float
    tz_name: str
    #: Standard (non-DST) offset, which Strava prints in its timezone label.
    standard_offset: str
    altitude: float
    #: Metres climbed per kilometre on a typical run there.
    hilliness: float


@dataclass(frozen=True)
class Gear:
    id: str
    name: str
    kind: str  # "shoe" or "bike"


@dataclass(frozen=True)
class Athlete:
    id: int
    username: str
    firstname: str
    lastname: str
    sex: str
    city: City
    bio: str
    weight: float
    max_heartrate: int
    resting_heartrate: int
    #: Speed (m/s) the athlete can hold for about an hour at the newest fitness.
    threshold_speed: float
    activities_per_week: float
    measurement_preference: str  # "meters" or "feet"
    records_heartrate: bool
    device_name: str
    created_at: int
    gear: tuple[Gear, ...]


@dataclass(frozen=True)
class Segment:
    """A stretch run at one effort: a rep, a recovery, a warm-up or a whole run."""

    distance: float
    duration: float
    heartrate: float
    cadence: float | None

    @property
    def speed(self) -> float:
        return self.distance / self.duration if self.duration else 0.0


@dataclass(frozen=True)
class Route:
    """A GPS route shape; scaled to the activity's distance when traced."""

    kind: str  # "loop" or "out_and_back"
    start_lat: float
    start_lng: float
    rotation: float
    wiggles: tuple[tuple[float, int, float], ...]
    hills: tuple[tuple[float, int, float], ...]
    base_altitude: float
    climb_per_km: float


@dataclass
class Activity:
    id: int
    athlete_id: int
    sport_type: str
    kind: str
    name: str
    start: int
    city: City
    segments: tuple[Segment, ...]
    route: Route | None
    detail_seed: int
    pause_seconds: int = 0
    private: bool = False
    trainer: bool = False
    commute: bool = False
    manual: bool = False
    workout_type: int | None = None
    gear_id: str | None = None
    device_name: str | None = None
    description: str | None = None
    has_heartrate: bool = True
    upload_id: int | None = None
    external_id: str | None = None
    social: dict[str, int] = field(default_factory=dict)

    @property
    def distance(self) -> float:
        return round(sum(segment.distance for segment in self.segments), 1)

    @property
    def moving_time(self) -> int:
        return round(sum(segment.duration for segment in self.segments))

    @property
    def elapsed_time(self) -> int:
        return self.moving_time + self.pause_seconds

    @property
    def is_run(self) -> bool:
        return self.sport_type == "Run"

    @property
    def visibility(self) -> str:
        return "only_me" if self.private else "everyone"
