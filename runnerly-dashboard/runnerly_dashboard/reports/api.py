"""The unsubscribe link of the monthly report: it works without logging in."""

from itsdangerous import BadSignature

from runnerly_core.problems import bad_request
from runnerly_core.responses import no_content
from runnerly_dashboard.accounts.models import Account
from runnerly_dashboard.extensions import db
from runnerly_dashboard.reports.tokens import unsubscribe_serializer


def unsubscribe(body: dict):
    try:
        account_id = unsubscribe_serializer().loads(body["token"])
    except BadSignature:
        raise bad_request("This unsubscribe link is not one of ours: use the link of the mail.") from None
    account = db.session.get(Account, account_id)
    if account is not None:  # an account deleted since: nothing left to stop
        account.monthly_report = False
        db.session.commit()
    return no_content()
