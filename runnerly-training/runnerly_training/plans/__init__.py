"""Training plans: built here, stored in the data service."""
