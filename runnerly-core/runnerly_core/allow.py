"""Complete ``Allow`` headers on 405 answers (RFC 9110 §15.5.6).

Connexion's router lists only the methods of the first route that matched the path, so a
client told ``Allow: POST`` for ``/users`` never learns that GET works too. This middleware
rebuilds the header from the spec's paths.
"""

from __future__ import annotations

import re

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def path_pattern(template: str) -> re.Pattern:
    """A regular expression matching the paths of an OpenAPI path template."""
    return re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$")


def allowed_methods_by_path(spec: dict) -> list[tuple[re.Pattern, str]]:
    table = []
    for template, item in spec["paths"].items():
        methods = sorted(method.upper() for method in item if method in HTTP_METHODS)
        table.append((path_pattern(template), ", ".join(methods)))
    return table


class AllowHeaderMiddleware:
    def __init__(self, app, spec: dict) -> None:
        self.app = app
        self.table = allowed_methods_by_path(spec)

    def _allowed(self, path: str) -> str | None:
        return next((methods for pattern, methods in self.table if pattern.match(path)), None)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def fix_allow(message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 405:
                allowed = self._allowed(scope["path"])
                if allowed:
                    headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"allow"]
                    message["headers"] = [*headers, (b"allow", allowed.encode())]
            await send(message)

        await self.app(scope, receive, fix_allow)
