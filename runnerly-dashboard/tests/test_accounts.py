"""Sign-up confirmed by the mailed link, login, logout, and the session cookie."""

from __future__ import annotations

from runnerly_dashboard.sessions.names import SESSION_COOKIE

from .conftest import PASSWORD
from .runners import token_of


def test_a_new_runner_signs_up_confirms_by_the_mailed_link_and_sees_no_runs(browser, email):
    browser.sign_up(email, PASSWORD, first_name="Ada", timezone="Europe/Paris", units="imperial")
    [mail] = browser.sink.to(email)
    assert mail["subject"] == "Confirm your Runnerly account"
    assert "<a href=" in mail["html"]

    session = browser.confirm(browser.sink.link_to(email, "/confirm")).json

    assert session["authenticated"] is True
    assert session["account"]["email"] == email
    me = browser.get("/api/me").json
    assert (me["first_name"], me["timezone"], me["units"]) == ("Ada", "Europe/Paris", "imperial")
    runs = browser.get("/api/runs").json
    assert runs["items"] == []
    assert runs["total"] == 0


def test_the_session_cookie_is_http_only_and_same_site_lax(browser, email):
    browser.sign_up(email, PASSWORD)
    response = browser.confirm(browser.sink.link_to(email, "/confirm"))
    cookie = next(h for h in response.headers.getall("Set-Cookie") if h.startswith("runnerly_session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Path=/" in cookie


def test_a_confirmation_link_works_once(browser, email):
    browser.sign_up(email, PASSWORD)
    link = browser.sink.link_to(email, "/confirm")
    browser.confirm(link)
    browser.app.reset()

    refused = browser.confirm(link, status=400).json

    assert "used already" in refused["detail"]


def test_an_unconfirmed_runner_cannot_log_in(browser, email):
    browser.sign_up(email, PASSWORD)

    refused = browser.log_in(email, PASSWORD, status=403).json

    assert "Confirm your address" in refused["detail"]


def test_a_confirmed_runner_logs_in_and_out(runner, email):
    runner.post("/api/logout", status=204)
    runner.get("/api/me", status=401)

    runner.log_in(email, PASSWORD)

    assert runner.get("/api/me").json["email"] == email


def test_a_stale_session_cookie_is_told_in_words_to_log_in_again(runner):
    stale = runner.session_cookie
    runner.post("/api/logout", status=204)
    runner.app.set_cookie(SESSION_COOKIE, stale)  # the session it named has ended

    refused = runner.get("/api/me", status=401)

    assert refused.content_type == "application/problem+json"
    assert "log in again" in refused.json["detail"]


def test_it_refuses_a_weak_or_short_password_and_keeps_nothing(browser, email):
    short = browser.sign_up(email, "short", status=400).json
    common = browser.sign_up(email, "password1234", status=400).json

    assert "at least 10 characters" in short["detail"]
    assert "harder password" in common["detail"]
    assert browser.sink.to(email) == []


def test_the_token_of_a_link_is_not_stored(browser, email, connexion_app):
    from sqlalchemy import select

    from runnerly_dashboard.accounts.models import EmailToken
    from runnerly_dashboard.extensions import db

    browser.sign_up(email, PASSWORD)
    token = token_of(browser.sink.link_to(email, "/confirm"))

    with db.new_session() as session:
        hashes = list(session.scalars(select(EmailToken.token_hash)))
    assert token not in hashes
    assert all(len(each) == 64 for each in hashes)
