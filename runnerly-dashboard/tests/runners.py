"""A browser's actions on the dashboard (cookies kept by WebTest, the CSRF header added
to writes), and the mail sink the links are read from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from runnerly_dashboard.mail.sink import messages

CSRF_COOKIE = "runnerly_csrf"
SESSION_COOKIE = "runnerly_session"


@dataclass
class MailSink:
    directory: Path
    port: int

    def to(self, address: str) -> list[dict]:
        return messages(self.directory, address)

    def link_to(self, address: str, path: str) -> str:
        """The newest link to ``path`` mailed to ``address``."""
        for message in self.to(address):
            for link in message["links"]:
                if urlsplit(link).path == path:
                    return link
        raise AssertionError(f"no mail to {address} with a link to {path}")


def token_of(link: str) -> str:
    return parse_qs(urlsplit(link).query)["token"][0]


class Browser:
    def __init__(self, app, sink: MailSink) -> None:
        self.app, self.sink = app, sink

    def csrf(self) -> str:
        if CSRF_COOKIE not in self.app.cookies:
            self.app.get("/api/session")
        return self.app.cookies[CSRF_COOKIE]

    def write(self, method: str, path: str, body: dict | None = None, status: int | str = "2*", **kwargs):
        headers = {"X-CSRF-Token": self.csrf(), **kwargs.pop("headers", {})}
        call = getattr(self.app, f"{method.lower()}_json")
        return call(path, body, headers=headers, status=status, **kwargs)

    def post(self, path: str, body: dict | None = None, status: int | str = "2*", **kwargs):
        return self.write("POST", path, body, status, **kwargs)

    def get(self, path: str, status: int | str = "2*", **kwargs):
        return self.app.get(path, status=status, **kwargs)

    def sign_up(self, email: str, password: str, status: int = 202, **profile):
        return self.post("/api/signup", {"email": email, "password": password, **profile}, status=status)

    def confirm(self, link: str, status: int = 200):
        return self.post("/api/signup/confirm", {"token": token_of(link)}, status=status)

    def log_in(self, email: str, password: str, status: int | str = 200, **kwargs):
        return self.post("/api/login", {"email": email, "password": password}, status=status, **kwargs)

    @property
    def session_cookie(self) -> str | None:
        return self.app.cookies.get(SESSION_COOKIE)
