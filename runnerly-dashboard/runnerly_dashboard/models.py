"""Every model of the service, so that ``Base.metadata`` is complete (Alembic, tests)."""

from runnerly_dashboard.accounts.models import Account, EmailToken
from runnerly_dashboard.base import Base
from runnerly_dashboard.mail.models import OutgoingMail
from runnerly_dashboard.reports.models import ReportDelivery
from runnerly_dashboard.sessions.models import LoginFailure, Session

__all__ = ["Account", "Base", "EmailToken", "LoginFailure", "OutgoingMail", "ReportDelivery", "Session"]
