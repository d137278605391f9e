"""Runnerly's data service: owns users, runs, races and plans."""
