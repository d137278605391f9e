"""Real cities the seeded athletes live and race in, and the demo athletes."""

from __future__ import annotations

from .model import Athlete, City, Gear

CITIES: dict[str, City] = {
    city.key: city
    for city in (
        City("london", "London", "England", "United Kingdom", 51.5072, -0.1276,
             "Europe/London", "+00:00", 18.0, 5.0),
        City("boulder", "Boulder", "Colorado", "United States", 40.0150, -105.2705,
             "America/Denver", "-07:00", 1655.0, 14.0),
        City("paris", "Paris", "Île-de-France", "France", 48.8566, 2.3522,
             "Europe/Paris", "+01:00", 35.0, 6.0),
        City("melbourne", "Melbourne", "Victoria", "Australia", -37.8136, 144.9631,
             "Australia/Melbourne", "+10:00", 15.0, 4.0),
    )
}  # fmt: skip

# 2021-01-04, 2019-06-01, 2022-03-15 and 2023-09-01 (UTC), when each joined.
_JOINED = (1609718400, 1559347200, 1647302400, 1693526400)


def _shoes(athlete_id: int, *names: str) -> tuple[Gear, ...]:
    return tuple(Gear(f"g{athlete_id}{index:05d}", name, "shoe") for index, name in enumerate(names, start=1))


def _bike(athlete_id: int, name: str) -> Gear:
    return Gear(f"b{athlete_id}{1:05d}", name, "bike")


DEMO_ATHLETES: tuple[Athlete, ...] = (
    Athlete(
        id=1, username="demo_runner", firstname="Demo", lastname="Runner", sex="F",
        city=CITIES["london"], bio="The demo runner: years of runs along the Thames.",
        weight=58.0, max_heartrate=188, resting_heartrate=48, threshold_speed=3.70,
        activities_per_week=5.5, measurement_preference="meters", records_heartrate=True,
        device_name="Garmin Forerunner 265", created_at=_JOINED[0],
        gear=(*_shoes(1, "Nike Pegasus 41", "Saucony Endorphin Pro 4"), _bike(1, "Brompton C Line")),
    ),
    Athlete(
        id=2, username="jhayes_boulder", firstname="Jordan", lastname="Hayes", sex="M",
        city=CITIES["boulder"], bio="Mountain miles, track Tuesdays.",
        weight=66.0, max_heartrate=192, resting_heartrate=42, threshold_speed=4.55,
        activities_per_week=7.5, measurement_preference="feet", records_heartrate=True,
        device_name="COROS PACE 3", created_at=_JOINED[1],
        gear=(*_shoes(2, "Hoka Mach 6", "Nike Vaporfly 3"), _bike(2, "Specialized Tarmac")),
    ),
    Athlete(
        id=3, username="camille_court", firstname="Camille", lastname="Durand", sex="F",
        city=CITIES["paris"], bio="Bois de Boulogne le dimanche.",
        weight=55.0, max_heartrate=190, resting_heartrate=52, threshold_speed=3.35,
        activities_per_week=4.0, measurement_preference="meters", records_heartrate=True,
        device_name="Apple Watch Series 9", created_at=_JOINED[2],
        gear=_shoes(3, "Asics Novablast 4"),
    ),
    Athlete(
        # Liam's watch has no heart-rate sensor: his activities have no heart rate.
        id=4, username="liam_runs_mel", firstname="Liam", lastname="O'Connor", sex="M",
        city=CITIES["melbourne"], bio="Couch to 10K and beyond.",
        weight=82.0, max_heartrate=185, resting_heartrate=60, threshold_speed=3.05,
        activities_per_week=3.0, measurement_preference="meters", records_heartrate=False,
        device_name="Garmin Forerunner 55", created_at=_JOINED[3],
        gear=_shoes(4, "Brooks Ghost 16"),
    ),
)  # fmt: skip
