"""OAuth clients: the services and the dashboard that may ask for tokens."""
