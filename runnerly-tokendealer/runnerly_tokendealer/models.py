"""Every model of the token dealer, so that Alembic sees the whole schema."""

from runnerly_tokendealer.clients.models import AuthFailure, Client
from runnerly_tokendealer.orm import Base

__all__ = ["AuthFailure", "Base", "Client"]
