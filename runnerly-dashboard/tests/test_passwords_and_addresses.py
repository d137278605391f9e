"""Forgotten password, password change and address change, by single-use links."""

from __future__ import annotations

from .conftest import PASSWORD
from .runners import SESSION_COOKIE, token_of

NEW_PASSWORD = "a brand new passphrase 2026"


def test_a_forgotten_password_is_reset_by_the_mailed_link_which_ends_every_session(runner, email, webtest):
    old_session = runner.session_cookie
    runner.post("/api/logout", status=204)
    runner.post("/api/password/forgot", {"email": email}, status=202)
    link = runner.sink.link_to(email, "/reset")

    runner.post("/api/password/reset", {"token": token_of(link), "password": NEW_PASSWORD}, status=204)

    runner.log_in(email, PASSWORD, status=401)
    runner.log_in(email, NEW_PASSWORD)
    webtest.reset()
    webtest.set_cookie(SESSION_COOKIE, old_session)
    webtest.get("/api/me", status=401)


def test_a_reset_link_works_once(runner, email):
    runner.post("/api/password/forgot", {"email": email}, status=202)
    token = token_of(runner.sink.link_to(email, "/reset"))
    runner.post("/api/password/reset", {"token": token, "password": NEW_PASSWORD}, status=204)

    refused = runner.post(
        "/api/password/reset", {"token": token, "password": "yet another passphrase 9"}, status=400
    )

    assert "used already" in refused.json["detail"]


def test_a_reset_link_for_another_purpose_is_refused(runner, email):
    """A confirmation token is no reset token (each purpose hashes its tokens apart)."""
    runner.post("/api/password/forgot", {"email": email}, status=202)
    token = token_of(runner.sink.link_to(email, "/reset"))

    runner.post("/api/signup/confirm", {"token": token}, status=400)


def test_changing_the_password_needs_the_current_one_and_renews_the_session(runner, email):
    before = runner.session_cookie
    refused = runner.write(
        "PUT", "/api/password", {"current_password": "wrong", "new_password": NEW_PASSWORD}, status=400
    )
    assert "current password is wrong" in refused.json["detail"]

    runner.write("PUT", "/api/password", {"current_password": PASSWORD, "new_password": NEW_PASSWORD})

    assert runner.session_cookie != before
    assert runner.get("/api/me").json["email"] == email


def test_the_address_changes_only_once_the_new_one_is_confirmed(runner, email):
    new_email = f"new-{email}"
    runner.write("PUT", "/api/email", {"email": new_email, "password": PASSWORD}, status=202)
    assert runner.get("/api/me").json["email"] == email

    link = runner.sink.link_to(new_email, "/confirm-email")
    runner.post("/api/email/confirm", {"token": token_of(link)}, status=204)

    me = runner.get("/api/me").json
    assert me["email"] == new_email
    runner.post("/api/logout", status=204)
    runner.log_in(new_email, PASSWORD)


def test_the_development_page_lists_the_sinks_messages_only_in_development(
    runner, email, settings, monkeypatch
):
    monkeypatch.setattr(settings, "environment", "development")
    listed = runner.get("/api/dev/mail", params={"to": email}).json["items"]
    assert listed[0]["subject"] == "Confirm your Runnerly account"
    assert any("/confirm?token=" in link for link in listed[0]["links"])

    monkeypatch.setattr(settings, "environment", "test")
    runner.get("/api/dev/mail", status=404)
