"""Strava's push subscription: validation, event intake and event handling."""
