"""Handler return values with an explicit media type.

Connexion cannot choose between ``application/json`` and the ``application/problem+json``
of the error responses an operation documents, so successful answers name theirs.
"""

from flask import Response

JSON = {"Content-Type": "application/json"}


def ok(body, status: int = 200, headers: dict | None = None):
    return body, status, {**JSON, **(headers or {})}


def no_content(status: int = 204, headers: dict | None = None):
    """An empty answer (204, 304): no body and no media type (Connexion passes a framework
    response through untouched)."""
    response = Response(status=status, headers=headers or {})
    del response.headers["Content-Type"]
    return response
