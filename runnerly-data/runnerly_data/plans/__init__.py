"""Plans: models, services and API handlers."""
