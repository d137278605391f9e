"""The path prefix a gateway stripped (``X-Forwarded-Prefix``) becomes the ASGI root path.

The gateway serves each service under ``/api/<service>/`` and passes the rest of the path
on. Connexion builds Swagger UI's links and ``openapi.json``'s ``servers`` from the root
path, so with it set they point back through the gateway. As the ASGI spec has it, the
path then starts with the root path (Starlette routes on the rest). Only a plain path of
segments is taken.
"""

import re

PREFIX = re.compile(rb"(?:/[A-Za-z0-9._~-]+)+")
HEADER = b"x-forwarded-prefix"


class ForwardedPrefixMiddleware:
    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            prefix = next((value for name, value in scope["headers"] if name == HEADER), b"")
            if PREFIX.fullmatch(prefix):
                scope = _under(scope, prefix.decode())
        await self.app(scope, receive, send)


def _under(scope, prefix: str) -> dict:
    root_path = scope.get("root_path", "") + prefix
    raw_path = scope.get("raw_path") or scope["path"].encode()
    return {
        **scope,
        "root_path": root_path,
        "path": root_path + scope["path"],
        "raw_path": prefix.encode() + raw_path,
    }
