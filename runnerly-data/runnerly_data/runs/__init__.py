"""Runs: models, services and API handlers."""
