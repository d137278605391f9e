"""Runnerly Strava service: Strava linking, sync workers and the Strava sandbox."""
