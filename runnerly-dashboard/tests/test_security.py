"""CSRF, throttling, no account enumeration, session fixation, logging out everywhere."""

from __future__ import annotations

import pytest

from .conftest import PASSWORD
from .runners import CSRF_COOKIE, SESSION_COOKIE, Browser


def test_it_refuses_a_write_without_the_csrf_header_and_changes_nothing(browser, email):
    browser.get("/api/session")

    refused = browser.app.post_json("/api/signup", {"email": email, "password": PASSWORD}, status=403).json

    assert "CSRF" in refused["detail"]
    assert browser.sink.to(email) == []


def test_it_refuses_a_csrf_header_that_does_not_match_the_cookie(browser, email):
    browser.get("/api/session")
    headers = {"X-CSRF-Token": "forged.token"}

    browser.app.post_json("/api/signup", {"email": email, "password": PASSWORD}, headers=headers, status=403)

    assert browser.sink.to(email) == []


def test_a_csrf_token_of_another_session_is_refused(runner, webtest, sink):
    """A token planted by a sibling site (cookie tossing) does not fit the victim's session."""
    attacker = Browser(webtest, sink)
    stolen_session = runner.session_cookie
    webtest.reset()
    anonymous_token = attacker.csrf()  # a valid token, but for no session
    webtest.set_cookie(SESSION_COOKIE, stolen_session)
    webtest.set_cookie(CSRF_COOKIE, anonymous_token)

    refused = webtest.post("/api/logout-everywhere", headers={"X-CSRF-Token": anonymous_token}, status=403)

    assert "does not match" in refused.json["detail"]


def test_reading_needs_no_csrf_token_but_a_session(browser):
    assert browser.get("/api/runs", status=401).json["status"] == 401


def test_logins_are_throttled_per_account_with_a_clear_message(browser, runner, email, settings):
    runner.post("/api/logout", status=204)
    for _ in range(settings.max_failures_per_account):
        runner.log_in(email, "wrong password indeed", status=401)

    refused = runner.log_in(email, PASSWORD, status=429)

    assert "Too many failed logins for this e-mail address" in refused.json["detail"]
    assert int(refused.headers["Retry-After"]) > 0


def test_logins_are_throttled_per_network_address(browser, settings):
    for number in range(settings.max_failures_per_address):
        browser.log_in(f"nobody-{number}@example.org", "wrong password indeed", status=401)

    refused = browser.log_in("someone-else@example.org", "wrong password indeed", status=429)

    assert "your network address" in refused.json["detail"]


def test_login_answers_alike_for_an_unknown_address_and_a_wrong_password(runner, email):
    runner.post("/api/logout", status=204)

    wrong_password = runner.log_in(email, "not the password at all", status=401)
    unknown = runner.log_in(f"x{email}", "not the password at all", status=401)

    assert wrong_password.json == unknown.json
    assert wrong_password.json["detail"] == "Wrong e-mail address or password."


@pytest.mark.parametrize("path", ["/api/signup", "/api/password/forgot"])
def test_sign_up_and_reset_answer_alike_for_known_and_unknown_addresses(runner, email, path):
    runner.post("/api/logout", status=204)
    body = {"email": email, "password": PASSWORD} if path == "/api/signup" else {"email": email}

    known = runner.post(path, body)
    unknown = runner.post(path, {**body, "email": f"new-{email}"})

    assert (known.status_code, known.json) == (unknown.status_code, unknown.json) == (202, known.json)


def test_signing_up_again_with_a_known_address_mails_its_owner_a_note(runner, email):
    runner.sign_up(email, "another fine password 77")

    assert runner.sink.to(email)[0]["subject"] == "Someone tried to sign up to Runnerly with your address"
    runner.post("/api/logout", status=204)
    runner.log_in(email, "another fine password 77", status=401)  # the password did not change


def test_login_gives_a_new_session_and_ends_the_one_the_browser_had(runner, email, webtest):
    before = runner.session_cookie  # say, an id an attacker planted in the victim's browser

    runner.log_in(email, PASSWORD)

    assert runner.session_cookie not in (None, before)
    webtest.reset()
    webtest.set_cookie(SESSION_COOKIE, before)
    webtest.get("/api/me", status=401)


def test_logging_out_everywhere_ends_every_session_of_the_account(runner, email, webtest, sink):
    first = runner.session_cookie
    runner.post("/api/logout", status=204)
    runner.log_in(email, PASSWORD)
    second = runner.session_cookie

    runner.post("/api/logout-everywhere", status=204)

    for cookie in (first, second):
        webtest.reset()
        webtest.set_cookie(SESSION_COOKIE, cookie)
        webtest.get("/api/me", status=401)


def test_a_session_cookie_left_behind_after_logout_does_not_block_the_next_login(runner, email, webtest):
    """Some clients (curl's cookie jar) keep a cookie the server cleared."""
    stale = runner.session_cookie
    runner.post("/api/logout", status=204)
    csrf = runner.csrf()
    webtest.reset()
    webtest.set_cookie(SESSION_COOKIE, stale)
    webtest.set_cookie(CSRF_COOKIE, csrf)

    answer = webtest.post_json(
        "/api/login", {"email": email, "password": PASSWORD}, headers={"X-CSRF-Token": csrf}
    )

    assert answer.json["authenticated"] is True
