"""The runner's shoes (the data service's gear resource)."""
