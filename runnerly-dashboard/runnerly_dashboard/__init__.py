"""Runnerly's dashboard backend: the web app's accounts, sessions, mail and API."""
