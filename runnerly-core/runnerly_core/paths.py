"""Paths with control characters name no resource: answer 404 before routing.

Starlette's router and Werkzeug's disagree on such paths (``$`` matches before a trailing
newline), and Connexion then hands Flask a request it never set an operation up for — a
500. No Runnerly path contains a control character, so they stop here.
"""

import json
import re

CONTROL = re.compile(r"[\x00-\x1f\x7f]")
BODY = json.dumps(
    {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "No resource has a path with control characters.",
    }
).encode()


class ControlCharacterPathMiddleware:
    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and CONTROL.search(scope["path"]):
            headers = [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(BODY)).encode()),
            ]
            await send({"type": "http.response.start", "status": 404, "headers": headers})
            await send({"type": "http.response.body", "body": BODY})
            return
        await self.app(scope, receive, send)
