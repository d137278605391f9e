"""OAuth 2 as Strava does it: consent, codes, refresh rotation, expiry, revocation."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests

from runnerly_strava.sandbox import Application, SandboxConfig
from runnerly_strava.sandbox.testing import CALLBACK_URL, serve_sandbox


def _authorize_url_params(strava, **extra: str) -> dict[str, str]:
    return {"client_id": strava.client_id, "redirect_uri": CALLBACK_URL, "response_type": "code",
            "approval_prompt": "force", "scope": "read,activity:read_all", "state": "st4te",
            **extra}  # fmt: skip


def _decide(strava, **form: str) -> requests.Response:
    fields = {"client_id": strava.client_id, "redirect_uri": CALLBACK_URL, "state": "st4te", **form}
    return requests.post(strava.url("/oauth/authorize"), data=fields, allow_redirects=False, timeout=10)


def _query(response: requests.Response) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(response.headers["Location"]).query).items()}


def _token(strava, **form: str) -> requests.Response:
    fields = {"client_id": strava.client_id, "client_secret": strava.client_secret, **form}
    return requests.post(strava.url("/oauth/token"), data=fields, timeout=10)


def test_the_consent_page_offers_the_athletes_and_the_requested_scopes(strava):
    page = requests.get(strava.url("/oauth/authorize"), params=_authorize_url_params(strava), timeout=10)
    assert page.status_code == 200
    assert "Demo Runner (London)" in page.text
    assert 'value="activity:read_all" checked' in page.text
    assert 'value="profile:read_all"' not in page.text  # not requested, not offered


def test_the_consent_page_escapes_what_it_echoes(strava):
    params = _authorize_url_params(strava, state='"><script>alert(1)</script>')
    page = requests.get(strava.url("/oauth/authorize"), params=params, timeout=10)
    assert "<script>alert(1)</script>" not in page.text


def test_authorizing_redirects_with_code_granted_scope_and_state(strava):
    answer = _decide(strava, athlete_id="1", scope="read,activity:read_all", decision="authorize")
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith(CALLBACK_URL)
    query = _query(answer)
    assert query["scope"] == "read,activity:read_all"
    assert query["state"] == "st4te"
    assert len(query["code"]) == 40


def test_unticked_scopes_are_missing_from_the_grant_and_the_token(strava):
    answer = _decide(strava, athlete_id="1", scope="read,activity:read", decision="authorize")
    assert _query(answer)["scope"] == "read,activity:read"
    token = _token(strava, code=_query(answer)["code"], grant_type="authorization_code").json()
    assert strava.sandbox.tokens.authenticate(token["access_token"]).scopes == {"read", "activity:read"}


class _ConsentForm(HTMLParser):
    """What a browser would submit: the form's action, hidden fields, checked boxes."""

    def __init__(self) -> None:
        super().__init__()
        self.action = ""
        self.fields: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form":
            self.action = found["action"] or ""
        wanted = found.get("type") == "hidden" or (found.get("type") == "checkbox" and "checked" in found)
        if tag == "input" and wanted and found.get("name") and "disabled" not in found:
            self.fields.append((found["name"] or "", found.get("value") or ""))


def test_submitting_the_html_form_with_a_box_unticked_grants_the_rest(strava):
    page = requests.get(strava.url("/oauth/authorize"), timeout=10, params=_authorize_url_params(
        strava, scope="read,activity:read,activity:read_all,profile:read_all"))  # fmt: skip
    form = _ConsentForm()
    form.feed(page.text)
    ticked = [field for field in form.fields if field != ("scope", "activity:read_all")]
    submitted = [*ticked, ("athlete_id", "3"), ("decision", "authorize")]
    answer = requests.post(urljoin(page.url, form.action), data=submitted, allow_redirects=False, timeout=10)
    assert _query(answer)["scope"] == "read,profile:read_all,activity:read"
    assert _query(answer)["state"] == "st4te"


def test_denying_redirects_with_access_denied_and_no_code(strava):
    query = _query(_decide(strava, athlete_id="1", scope="read", decision="deny"))
    assert query == {"state": "st4te", "error": "access_denied"}


@pytest.mark.parametrize(
    ("change", "field"),
    [({"client_id": "999"}, "client_id"), ({"scope": "read,everything"}, "scope"),
     ({"redirect_uri": "javascript:alert(1)"}, "redirect_uri")],
)  # fmt: skip
def test_a_bad_authorize_request_is_a_strava_error(strava, change, field):
    params = _authorize_url_params(strava, **change)
    answer = requests.get(strava.url("/oauth/authorize"), params=params, timeout=10)
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["field"] == field


def test_redirects_outside_the_callback_domain_are_refused(config):
    app = Application("77", "s3cret", callback_domain="runnerly.example")
    with serve_sandbox(SandboxConfig(applications=(app,), activity_counts={1: 5})) as strava:
        allowed = _authorize_url_params(strava, redirect_uri="https://app.runnerly.example/cb")
        refused = _authorize_url_params(strava, redirect_uri="https://evil.example/cb")
        assert requests.get(strava.url("/oauth/authorize"), params=allowed, timeout=10).status_code == 200
        assert requests.get(strava.url("/oauth/authorize"), params=refused, timeout=10).status_code == 400


def test_approval_prompt_auto_skips_the_page_for_an_athlete_who_already_agreed(strava):
    session = requests.Session()
    first = _decide(strava, athlete_id="2", scope="read,activity:read_all", decision="authorize")
    _token(strava, code=_query(first)["code"], grant_type="authorization_code")
    session.cookies.update(first.cookies)
    auto = _authorize_url_params(strava, approval_prompt="auto")
    again = session.get(strava.url("/oauth/authorize"), params=auto, allow_redirects=False, timeout=10)
    assert again.status_code == 302
    assert "code" in _query(again)
    forced = session.get(strava.url("/oauth/authorize"), params=_authorize_url_params(strava), timeout=10)
    assert forced.status_code == 200


def test_a_code_works_once(strava):
    code = strava.authorization_code(athlete_id=1)
    assert _token(strava, code=code, grant_type="authorization_code").status_code == 200
    again = _token(strava, code=code, grant_type="authorization_code")
    assert again.status_code == 400
    assert again.json()["errors"] == [{"resource": "AuthorizationCode", "field": "code", "code": "invalid"}]


def test_a_code_expires_quickly(strava, clock):
    code = strava.authorization_code(athlete_id=1)
    clock.advance(strava.sandbox.config.code_lifetime)
    assert _token(strava, code=code, grant_type="authorization_code").status_code == 400


def test_a_wrong_client_secret_is_refused_with_401(strava):
    code = strava.authorization_code(athlete_id=1)
    answer = _token(strava, code=code, grant_type="authorization_code", client_secret="nope")
    assert answer.status_code == 401
    assert answer.json()["message"] == "Authorization Error"


def test_an_unknown_client_is_a_bad_request(strava):
    answer = _token(strava, code="x", grant_type="authorization_code", client_id="404")
    assert answer.status_code == 400
    assert answer.json()["errors"][0] == {"resource": "Application", "field": "client_id", "code": "invalid"}


def test_access_tokens_expire_after_the_configured_lifetime(strava, clock, token):
    assert token["expires_at"] == int(clock()) + 3600
    assert token["expires_in"] == 3600
    headers = strava.bearer(token)
    clock.advance(3599)
    assert requests.get(strava.url("/api/v3/athlete"), headers=headers, timeout=10).status_code == 200
    clock.advance(1)
    expired = requests.get(strava.url("/api/v3/athlete"), headers=headers, timeout=10)
    assert expired.status_code == 401
    assert expired.json()["errors"][0] == {"resource": "Athlete", "field": "access_token", "code": "invalid"}


def test_each_refresh_rotates_the_refresh_token(strava, clock, token):
    clock.advance(4000)
    refreshed = _token(strava, grant_type="refresh_token", refresh_token=token["refresh_token"])
    assert refreshed.status_code == 200
    answer = refreshed.json()
    assert answer["refresh_token"] != token["refresh_token"]
    assert answer["expires_at"] == int(clock()) + 3600
    assert requests.get(strava.url("/api/v3/athlete"), headers=strava.bearer(answer), timeout=10).ok
    reused = _token(strava, grant_type="refresh_token", refresh_token=token["refresh_token"])
    assert reused.status_code == 400
    assert reused.json()["errors"][0]["resource"] == "RefreshToken"
    assert _token(strava, grant_type="refresh_token", refresh_token=answer["refresh_token"]).ok


def test_deauthorizing_revokes_every_token_of_the_athlete(strava, token):
    other = strava.authorize(athlete_id=2)
    answer = requests.post(strava.url("/oauth/deauthorize"), headers=strava.bearer(token), timeout=10)
    assert answer.json() == {"access_token": token["access_token"]}
    assert (
        requests.get(strava.url("/api/v3/athlete"), headers=strava.bearer(token), timeout=10).status_code
        == 401
    )
    assert _token(strava, grant_type="refresh_token", refresh_token=token["refresh_token"]).status_code == 400
    assert requests.get(strava.url("/api/v3/athlete"), headers=strava.bearer(other), timeout=10).ok


def test_deauthorizing_with_a_bad_token_is_401(strava):
    answer = requests.post(strava.url("/oauth/deauthorize"), data={"access_token": "bad"}, timeout=10)
    assert answer.status_code == 401
