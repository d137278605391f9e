"""The extension grant for user tokens (urn:runnerly:params:oauth:grant-type:user)."""

import pytest

from runnerly_core.auth import Caller
from tests.helpers import assert_oauth_error

USER_SCOPES = (
    "fitness:read imports:read imports:write load:read plans:read plans:write races:read races:write "
    "runs:read runs:write "
    "strava:link strava:read users:read users:write"
)


def test_a_trusted_client_gets_a_token_on_behalf_of_a_user(clients, oauth):
    dashboard = clients.dashboard()

    response = oauth.user_token(dashboard, subject="42", scope="runs:read runs:write")

    assert response.status_int == 200, response.text
    assert response.json["expires_in"] == 900
    claims = oauth.verify(response.json["access_token"])
    assert claims["sub"] == "42"
    assert claims["client_id"] == dashboard.client_id
    assert claims["scope"] == "runs:read runs:write"
    assert claims["exp"] == claims["iat"] + 900


def test_the_services_read_a_user_token_as_that_user(clients, oauth):
    token = oauth.access_token(
        clients.dashboard(),
        grant_type=("urn:runnerly:params:oauth:grant-type:user"),
        subject="7",
        scope="runs:read",
    )

    caller = Caller.from_claims(oauth.verify(token))

    assert caller.is_user
    assert caller.user_id == 7


def test_it_grants_every_user_scope_when_none_is_asked_for(clients, oauth):
    response = oauth.user_token(clients.dashboard())

    assert response.json["scope"] == USER_SCOPES


def test_user_scopes_do_not_depend_on_the_clients_own_scopes(clients, oauth):
    dashboard = clients.add("runnerly-dashboard", "clients:admin", trusted=True)

    response = oauth.user_token(dashboard, scope="plans:write")

    assert response.status_int == 200, response.text


def test_it_refuses_the_user_grant_to_an_untrusted_client(clients, oauth):
    response = oauth.user_token(clients.add(scope="users:read"))

    assert_oauth_error(response, 400, "unauthorized_client")


def test_it_rejects_a_scope_outside_the_user_scopes(clients, oauth):
    dashboard = clients.add("runnerly-dashboard", "clients:admin", trusted=True)

    response = oauth.user_token(dashboard, scope="runs:read clients:admin")

    assert_oauth_error(response, 400, "invalid_scope")


@pytest.mark.parametrize("subject", [None, "0", "-1", "abc", "1.5", "01", "+3", " 4", "1" * 19, "\u0665"])
def test_it_requires_the_subject_to_be_a_positive_integer(clients, oauth, subject):
    response = oauth.user_token(clients.dashboard(), subject=subject)

    assert_oauth_error(response, 400, "invalid_request")


def test_it_rejects_an_unknown_audience_for_a_user_token(clients, oauth):
    response = oauth.user_token(clients.dashboard(), audience="evil-service")

    assert_oauth_error(response, 400, "invalid_target")


def test_a_revoked_trusted_client_gets_no_user_token(clients, oauth):
    dashboard = clients.dashboard()
    clients.revoke(dashboard)

    assert_oauth_error(oauth.user_token(dashboard), 401, "invalid_client")
