"""A faithful, local emulator of the part of Strava's API that Runnerly uses."""

from .app import create_app, sandbox_of
from .config import Application, RateLimits, SandboxConfig

__all__ = ["Application", "RateLimits", "SandboxConfig", "create_app", "sandbox_of"]
