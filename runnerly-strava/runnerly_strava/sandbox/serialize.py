"""Strava's JSON shapes: SummaryActivity, DetailedActivity, athletes, streams."""

from __future__ import annotations

from typing import Any

from . import details, geo, metrics
from .model import Activity, Athlete, Gear
from .streams import Streams, build_streams
from .timefmt import iso_local, iso_utc, timezone_label, utc_offset

STREAM_KEYS = ("time", "distance", "latlng", "altitude", "velocity_smooth", "heartrate", "cadence", "moving")


def _route_fields(activity: Activity) -> dict[str, Any]:
    if activity.route is None:
        return {"summary_polyline": "", "start_latlng": [], "end_latlng": [], "total_elevation_gain": 0.0}
    route = geo.summarize_route(activity.route, activity.distance)
    return {
        "summary_polyline": route.summary_polyline,
        "start_latlng": route.start_latlng,
        "end_latlng": route.end_latlng,
        "total_elevation_gain": route.elevation_gain,
        "elev_high": route.elev_high,
        "elev_low": route.elev_low,
    }


def _physiology(activity: Activity, athlete: Athlete) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "has_heartrate": activity.has_heartrate,
        "heartrate_opt_out": False,
        "display_hide_heartrate_option": activity.has_heartrate,
    }
    if activity.has_heartrate:
        fields["average_heartrate"] = metrics.average_heartrate(activity, athlete)
        fields["max_heartrate"] = metrics.max_heartrate(activity, athlete)
    cadence = metrics.average_cadence(activity)
    if cadence is not None:
        fields["average_cadence"] = cadence
    return fields


def _headline(activity: Activity, route: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": activity.name,
        "distance": activity.distance,
        "moving_time": activity.moving_time,
        "elapsed_time": activity.elapsed_time,
        "total_elevation_gain": route.pop("total_elevation_gain"),
        "type": activity.sport_type,  # deprecated by Strava, still sent
        "sport_type": activity.sport_type,
        "workout_type": activity.workout_type,
        "id": activity.id,
    }


def _when_and_where(activity: Activity) -> dict[str, Any]:
    return {
        "start_date": iso_utc(activity.start),
        "start_date_local": iso_local(activity.start, activity.city),
        "timezone": timezone_label(activity.city),
        "utc_offset": float(utc_offset(activity.start, activity.city)),
        "location_city": None,
        "location_state": None,
        "location_country": activity.city.country,
    }


def _counters(activity: Activity) -> dict[str, Any]:
    social = activity.social
    return {
        "achievement_count": social.get("achievement_count", 0),
        "kudos_count": social.get("kudos_count", 0),
        "comment_count": social.get("comment_count", 0),
        "athlete_count": social.get("athlete_count", 1),
        "photo_count": 0,
    }


def _flags(activity: Activity) -> dict[str, Any]:
    return {
        "trainer": activity.trainer,
        "commute": activity.commute,
        "manual": activity.manual,
        "private": activity.private,
        "visibility": activity.visibility,
        "flagged": False,
        "gear_id": activity.gear_id,
    }


def _upload(activity: Activity) -> dict[str, Any]:
    return {
        "upload_id": activity.upload_id,
        "upload_id_str": str(activity.upload_id) if activity.upload_id else None,
        "external_id": activity.external_id,
        "from_accepted_tag": False,
        "pr_count": activity.social.get("pr_count", 0),
        "total_photo_count": 0,
        "has_kudoed": False,
        "device_name": activity.device_name,
    }


def summary_activity(activity: Activity, athlete: Athlete) -> dict[str, Any]:
    route = _route_fields(activity)
    polyline_map = {
        "id": f"a{activity.id}",
        "summary_polyline": route.pop("summary_polyline"),
        "resource_state": 2,
    }
    return {
        "resource_state": 2,
        "athlete": {"id": activity.athlete_id, "resource_state": 1},
        **_headline(activity, route),
        **_when_and_where(activity),
        **_counters(activity),
        "map": polyline_map,
        **_flags(activity),
        "start_latlng": route.pop("start_latlng"),
        "end_latlng": route.pop("end_latlng"),
        "average_speed": metrics.average_speed(activity),
        "max_speed": metrics.max_speed(activity),
        **_physiology(activity, athlete),
        **route,  # elev_high and elev_low, when there is a route
        **_upload(activity),
    }


def _gear_summary(athlete: Athlete, gear_id: str | None) -> dict[str, Any] | None:
    gear = next((g for g in athlete.gear if g.id == gear_id), None)
    return _gear(gear, athlete.gear[0] == gear) if gear else None


def detailed_activity(activity: Activity, athlete: Athlete) -> dict[str, Any]:
    streams = build_streams(activity, athlete)
    detail = summary_activity(activity, athlete)
    detail["resource_state"] = 3
    detail["map"] = {**detail["map"], "resource_state": 3, "polyline": _full_polyline(activity)}
    detail.update({
        "description": activity.description,
        "calories": metrics.calories(activity, athlete),
        "gear": _gear_summary(athlete, activity.gear_id),
        "segment_efforts": [],
        "laps": details.laps(activity, athlete, streams),
        "photos": {"primary": None, "count": 0},
        "available_zones": ["heartrate", "pace"] if activity.has_heartrate else ["pace"],
        "embed_token": f"{activity.detail_seed:08x}{activity.id:x}",
        "hide_from_home": False,
        "perceived_exertion": None,
        "prefer_perceived_exertion": False,
    })  # fmt: skip
    if activity.sport_type in ("Run", "Walk"):
        detail["splits_metric"] = details.splits(activity, athlete, streams, details.KILOMETRE)
        detail["splits_standard"] = details.splits(activity, athlete, streams, details.MILE)
    if activity.sport_type == "Run":
        detail["best_efforts"] = details.best_efforts(activity, streams)
    return detail


def _full_polyline(activity: Activity) -> str:
    if activity.route is None:
        return ""
    return geo.encode(geo.trace(activity.route, activity.distance, geo.DETAIL_SAMPLES))


def _stream_data(streams: Streams, key: str) -> list[Any] | None:
    return {
        "time": streams.time,
        "distance": streams.distance,
        "latlng": streams.latlng,
        "altitude": streams.altitude,
        "velocity_smooth": streams.velocity,
        "heartrate": streams.heartrate,
        "cadence": streams.cadence,
        "moving": [True] * len(streams.time),
    }.get(key)


def stream_set(activity: Activity, athlete: Athlete, keys: list[str], by_type: bool) -> Any:
    """Requested streams that exist; Strava always adds the distance stream."""
    streams = build_streams(activity, athlete)
    wanted = [key for key in STREAM_KEYS if key in keys or key == "distance"]
    found = []
    for key in wanted:
        data = _stream_data(streams, key)
        if data is not None:
            found.append({"type": key, "data": data, "series_type": "distance",
                          "original_size": len(data), "resolution": "high"})  # fmt: skip
    if by_type:
        return {item.pop("type"): item for item in found}
    return found


def _gear(gear: Gear, primary: bool) -> dict[str, Any]:
    return {"id": gear.id, "primary": primary, "name": gear.name, "resource_state": 2, "distance": 0.0}


def summary_athlete(athlete: Athlete) -> dict[str, Any]:
    return {
        "id": athlete.id,
        "username": athlete.username,
        "resource_state": 2,
        "firstname": athlete.firstname,
        "lastname": athlete.lastname,
        "bio": athlete.bio,
        "city": athlete.city.name,
        "state": athlete.city.state,
        "country": athlete.city.country,
        "sex": athlete.sex,
        "premium": False,
        "summit": False,
        "created_at": iso_utc(athlete.created_at),
        "updated_at": iso_utc(athlete.created_at),
        "badge_type_id": 0,
        "weight": athlete.weight,
        # Strava's own placeholder for athletes without a photo.
        "profile_medium": "avatar/athlete/medium.png",
        "profile": "avatar/athlete/large.png",
        "friend": None,
        "follower": None,
    }


def detailed_athlete(athlete: Athlete) -> dict[str, Any]:
    """What a token with profile:read_all sees of its athlete."""
    detail = summary_athlete(athlete)
    detail.update({
        "resource_state": 3,
        "follower_count": 12 * athlete.id + 30,
        "friend_count": 9 * athlete.id + 20,
        "measurement_preference": athlete.measurement_preference,
        "ftp": None,
        "clubs": [],
        "bikes": [_gear(g, False) for g in athlete.gear if g.kind == "bike"],
        "shoes": [_gear(g, i == 0) for i, g in enumerate(g for g in athlete.gear if g.kind == "shoe")],
    })  # fmt: skip
    return detail
