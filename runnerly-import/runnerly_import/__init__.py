"""Runnerly import service: GPX, FIT and TCX uploads parsed by Celery workers into runs."""
