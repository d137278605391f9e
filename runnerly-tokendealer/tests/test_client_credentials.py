"""The client credentials grant (RFC 6749 §4.4) when it succeeds."""

import base64
import time

import jwt

from tests.helpers import assert_oauth_error


def test_it_issues_a_token_to_a_client_authenticated_with_basic(clients, oauth):
    client = clients.add()

    response = oauth.token(client, scope="runs:read")

    assert response.status_int == 200
    assert response.content_type == "application/json"
    assert response.json["token_type"] == "Bearer"
    assert response.json["expires_in"] == 3600
    assert response.json["scope"] == "runs:read"


def test_it_issues_a_token_to_a_client_authenticated_with_form_fields(clients, oauth):
    client = clients.add()

    response = oauth.token(client, use_form=True)

    assert response.status_int == 200
    assert oauth.verify(response.json["access_token"])["client_id"] == client.client_id


def test_it_decodes_basic_credentials_that_are_form_urlencoded(clients, oauth):
    client = clients.add()
    # RFC 6749 §2.3.1: each part is form-urlencoded first; "%2D" is "-".
    pair = f"{client.client_id.replace('-', '%2D')}:{client.secret}"
    authorization = "Basic " + base64.b64encode(pair.encode()).decode()

    response = oauth.token(headers={"Authorization": authorization})

    assert response.status_int == 200, response.text


def test_it_accepts_a_client_id_field_that_matches_the_basic_user(clients, oauth):
    client = clients.add()

    response = oauth.token(client, client_id=client.client_id)

    assert response.status_int == 200


def test_the_token_verifies_against_the_served_jwks_with_the_right_claims(clients, oauth):
    client = clients.add(scope="runs:read users:read")
    before = int(time.time())

    claims = oauth.verify(
        oauth.access_token(client, audience="runnerly-training"), audience="runnerly-training"
    )

    assert claims["iss"] == oauth.issuer
    assert claims["aud"] == "runnerly-training"
    assert claims["sub"] == claims["client_id"] == client.client_id
    assert claims["subject_type"] == "service"
    assert claims["scope"] == "runs:read users:read"
    assert before <= claims["iat"] <= time.time()
    assert claims["exp"] == claims["iat"] + 3600


def test_the_token_names_its_key_and_type_in_its_header(clients, oauth):
    header = jwt.get_unverified_header(oauth.access_token(clients.add()))

    assert header["alg"] == "RS256"
    assert header["typ"] == "at+jwt"
    assert header["kid"] in {key["kid"] for key in oauth.jwks()["keys"]}


def test_it_grants_every_scope_of_the_client_when_none_is_asked_for(clients, oauth):
    client = clients.add(scope="runs:write runs:read races:read")

    response = oauth.token(client)

    assert response.json["scope"] == "races:read runs:read runs:write"


def test_it_grants_only_the_requested_scopes(clients, oauth):
    client = clients.add(scope="runs:read runs:write races:read")

    response = oauth.token(client, scope="races:read  runs:read")

    assert response.json["scope"] == "races:read runs:read"


def test_it_treats_an_empty_parameter_as_omitted(clients, oauth):
    client = clients.add(scope="runs:read")

    response = oauth.token(client, scope="")

    assert response.json["scope"] == "runs:read"


def test_the_token_response_must_not_be_cached(clients, oauth):
    response = oauth.token(clients.add())

    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Pragma"] == "no-cache"


def test_every_token_has_its_own_id(clients, oauth):
    client = clients.add()

    first, second = (oauth.verify(oauth.access_token(client)) for _ in range(2))

    assert first["jti"] != second["jti"]


def test_it_issues_tokens_only_for_the_audiences_the_client_was_registered_for(clients, oauth):
    client = clients.add(audience="runnerly-data")

    assert oauth.token(client, audience="runnerly-data").status_int == 200
    response = oauth.token(client, audience="runnerly-training")

    assert_oauth_error(response, 400, "invalid_target")
    assert response.json["error_description"] == "The audience parameter must be one of: runnerly-data."
