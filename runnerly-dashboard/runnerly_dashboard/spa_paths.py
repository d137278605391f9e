"""Where a checkout keeps the built web app (kept apart from :mod:`spa`, which imports the
settings that use it)."""

from pathlib import Path


def default_app_dir() -> Path | None:
    """``frontend/dist`` next to the package, when run from a checkout."""
    candidate = Path(__file__).resolve().parent.parent / "frontend" / "dist"
    return candidate if candidate.is_dir() else None
