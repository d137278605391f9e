"""X-Forwarded-Prefix: the prefix the gateway stripped becomes the ASGI root path."""

import asyncio

import pytest

from runnerly_core.forwarded import ForwardedPrefixMiddleware


def scope_seen(headers: list[tuple[bytes, bytes]]) -> dict:
    seen = {}

    async def app(scope, receive, send):
        seen.update(scope)

    scope = {"type": "http", "path": "/ui/", "raw_path": b"/ui/", "root_path": "", "headers": headers}
    asyncio.run(ForwardedPrefixMiddleware(app)(scope, None, None))
    return seen


def root_path_seen(headers: list[tuple[bytes, bytes]]) -> str:
    return scope_seen(headers)["root_path"]


def test_it_takes_the_gateway_prefix_as_the_root_path():
    scope = scope_seen([(b"x-forwarded-prefix", b"/api/data")])

    assert scope["root_path"] == "/api/data"
    assert scope["path"] == "/api/data/ui/"  # the ASGI spec: path includes the root path
    assert scope["raw_path"] == b"/api/data/ui/"


def test_it_leaves_the_root_path_alone_without_the_header():
    assert root_path_seen([(b"host", b"localhost")]) == ""


@pytest.mark.parametrize(
    "prefix",
    [b"//evil.example", b"https://evil.example", b'/api/data"><script>', b"/api data", b"api/data", b"/"],
)
def test_it_ignores_a_prefix_that_is_not_a_plain_path(prefix):
    assert root_path_seen([(b"x-forwarded-prefix", prefix)]) == ""
