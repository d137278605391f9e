"""Bringing Strava activities into the data service: backfill, incremental sync, details."""
