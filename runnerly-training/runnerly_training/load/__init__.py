"""Training load and heart-rate zones."""
