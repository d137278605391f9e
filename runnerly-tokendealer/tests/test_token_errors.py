"""Every way a token request fails, with the exact RFC 6749 §5.2 answer."""

import pytest

from tests.helpers import RegisteredClient, assert_oauth_error


def test_it_rejects_both_authentication_methods_at_once(clients, oauth):
    client = clients.add()

    response = oauth.token(client, client_secret=client.secret)

    assert_oauth_error(response, 400, "invalid_request")


def test_it_rejects_a_client_id_field_that_differs_from_the_basic_user(clients, oauth):
    response = oauth.token(clients.add(), client_id="someone-else")

    assert_oauth_error(response, 400, "invalid_request")


def test_it_rejects_an_unknown_client(oauth):
    response = oauth.token(RegisteredClient("nobody", "not-a-secret"))

    assert_oauth_error(response, 401, "invalid_client")


def test_it_rejects_a_wrong_secret_with_the_same_answer_as_an_unknown_client(clients, oauth):
    client = clients.add()

    wrong_secret = oauth.token(RegisteredClient(client.client_id, "not-the-secret"))
    unknown = oauth.token(RegisteredClient("nobody", "not-the-secret"))

    assert_oauth_error(wrong_secret, 401, "invalid_client")
    assert wrong_secret.json == unknown.json


def test_it_rejects_a_wrong_secret_sent_in_the_form(clients, oauth):
    client = clients.add()

    response = oauth.token(RegisteredClient(client.client_id, "not-the-secret"), use_form=True)

    assert_oauth_error(response, 401, "invalid_client")


def test_it_rejects_a_revoked_client(clients, oauth):
    client = clients.add()
    clients.revoke(client)

    response = oauth.token(client)

    assert_oauth_error(response, 401, "invalid_client")


@pytest.mark.parametrize("client_id", ["with\x00nul", "x" * 500, "spaces in name"])
def test_it_rejects_a_client_id_no_client_could_have(oauth, client_id):
    in_form = oauth.token(RegisteredClient(client_id, "secret"), use_form=True)
    in_basic = oauth.token(RegisteredClient(client_id, "secret"))

    assert_oauth_error(in_form, 401, "invalid_client")
    assert_oauth_error(in_basic, 401, "invalid_client")


def test_it_rejects_a_request_without_credentials(oauth):
    assert_oauth_error(oauth.token(), 401, "invalid_client")


def test_it_rejects_a_client_id_without_a_secret(clients, oauth):
    response = oauth.token(client_id=clients.add().client_id)

    assert_oauth_error(response, 401, "invalid_client")


@pytest.mark.parametrize(
    "authorization",
    [
        "Basic !!!not-base64!!!",
        "Basic bm8tY29sb24=",
        "Bearer some-token",
        "Basic",
    ],
)
def test_it_rejects_a_malformed_authorization_header(oauth, authorization):
    response = oauth.token(headers={"Authorization": authorization})

    assert_oauth_error(response, 401, "invalid_client")


def test_it_requires_a_grant_type(clients, oauth):
    response = oauth.token(clients.add(), grant_type=None)

    assert_oauth_error(response, 400, "invalid_request")


def test_it_rejects_an_unknown_grant_type(clients, oauth):
    response = oauth.token(clients.add(), grant_type="password")

    assert_oauth_error(response, 400, "unsupported_grant_type")


def test_it_rejects_a_scope_the_client_does_not_have(clients, oauth):
    response = oauth.token(clients.add(scope="runs:read"), scope="runs:read runs:write")

    assert_oauth_error(response, 400, "invalid_scope")
    assert "runs:write" in response.json["error_description"]


def test_it_rejects_a_malformed_scope_without_echoing_it(clients, oauth):
    response = oauth.token(clients.add(), scope='runs:read "quoted"')

    assert_oauth_error(response, 400, "invalid_scope")


def test_it_rejects_an_audience_it_does_not_issue_for(clients, oauth):
    response = oauth.token(clients.add(), audience="evil-service")

    assert_oauth_error(response, 400, "invalid_target")


def test_it_requires_an_audience(clients, oauth):
    response = oauth.token(clients.add(), audience=None)

    assert_oauth_error(response, 400, "invalid_target")


def test_it_rejects_a_repeated_parameter(clients, oauth):
    client = clients.add()

    response = oauth.http.post(
        "/oauth/token",
        "grant_type=client_credentials&audience=runnerly-data&scope=runs:read&scope=runs:write",
        headers={"Authorization": client.basic, "Content-Type": "application/x-www-form-urlencoded"},
        status="*",
    )

    assert_oauth_error(response, 400, "invalid_request")


def test_it_ignores_a_parameter_it_does_not_know(clients, oauth):
    # RFC 6749 §3.2: "The authorization server MUST ignore unrecognized request parameters."
    response = oauth.token(clients.add(), scope="runs:read", resource="https://elsewhere.example")

    assert response.status_int == 200, response.text
    assert oauth.verify(response.json["access_token"])["scope"] == "runs:read"


def test_it_answers_a_json_body_as_an_oauth_error(clients, oauth):
    response = oauth.http.post_json(
        "/oauth/token",
        {"grant_type": "client_credentials"},
        headers={"Authorization": clients.add().basic},
        status="*",
    )

    assert_oauth_error(response, 400, "invalid_request")


def test_it_answers_an_empty_request_as_a_failed_authentication(oauth):
    response = oauth.http.post("/oauth/token", status="*")

    assert_oauth_error(response, 401, "invalid_client")


def test_it_answers_a_get_as_an_oauth_error(oauth):
    response = oauth.http.get("/oauth/token", status="*")

    assert_oauth_error(response, 405, "invalid_request")
    assert response.headers["Allow"] == "POST"


@pytest.mark.in_process
def test_it_answers_a_server_failure_as_an_oauth_error(clients, oauth, monkeypatch):
    client = clients.add()

    def fail(*_args):
        raise RuntimeError("the disk is on fire")

    monkeypatch.setattr("runnerly_tokendealer.oauth.api.issue_token", fail)
    response = oauth.token(client)

    assert_oauth_error(response, 500, "server_error")
    assert "fire" not in response.text


def test_other_endpoints_keep_answering_problem_json(oauth):
    response = oauth.http.get("/no/such/page", status=404)

    assert response.content_type == "application/problem+json"


MALFORMED = {  # a field over its schema's maxLength, the body within the operation's limit
    "/oauth/token": {"grant_type": "client_credentials", "scope": "a" * 2001},
    "/oauth/introspect": {"token": "a" * 9000},
}


@pytest.mark.parametrize("path", sorted(MALFORMED))
def test_behind_the_gateway_a_malformed_request_still_gets_the_oauth_answer(http, path):
    """The gateway serves the dealer under /api/tokendealer (X-Forwarded-Prefix), which
    becomes the start of the request's path: the OAuth paths are still told apart."""
    headers = {"X-Forwarded-Prefix": "/api/tokendealer"}
    form = MALFORMED[path]

    response = http.post(path, form, headers=headers, expect_errors=True)

    assert_oauth_error(response, 400, "invalid_request")
    assert response.headers["Pragma"] == "no-cache"
