"""Races: models, services and API handlers."""
