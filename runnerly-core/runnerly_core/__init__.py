"""What every Runnerly service shares: app factory, settings, auth, client, logging, metrics."""
