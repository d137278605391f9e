"""Linking a Runnerly user to a Strava athlete: OAuth, stored tokens, status, unlinking."""
