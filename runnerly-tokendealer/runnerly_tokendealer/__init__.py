"""Runnerly's OAuth 2 authorization server (the token dealer)."""
