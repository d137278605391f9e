"""Users: models, services and API handlers."""
