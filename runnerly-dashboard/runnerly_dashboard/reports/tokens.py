"""Unsubscribe tokens: the account id signed with the service's key. They never expire
(an old report's link must still work) and stopping twice is harmless."""

from itsdangerous import URLSafeSerializer

from runnerly_dashboard.extensions import keys

SALT = "runnerly-dashboard-unsubscribe"


def unsubscribe_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(keys.secret(), salt=SALT)


def unsubscribe_token(account_id: int) -> str:
    return unsubscribe_serializer().dumps(account_id)
