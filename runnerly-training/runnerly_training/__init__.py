"""Runnerly training service: fitness model, race predictions, training load and plans.

The pure domain model lives in :mod:`runnerly_training.model`; the HTTP API and the
event consumers call it and own all input/output.
"""
