"""A small client of Strava's OAuth and API v3, pointed at Strava or the sandbox."""
