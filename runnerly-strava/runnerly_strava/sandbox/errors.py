"""Strava-style error answers: {"message": ..., "errors": [{resource, field, code}]}."""

from __future__ import annotations

from flask import Flask, Response, jsonify


class StravaError(Exception):
    """An error answered the way Strava answers it."""

    def __init__(self, status: int, message: str, resource: str, field: str, code: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.detail = {"resource": resource, "field": field, "code": code}

    def to_response(self) -> Response:
        response = jsonify({"message": self.message, "errors": [self.detail]})
        response.status_code = self.status
        return response


def bad_request(resource: str, field: str, code: str = "invalid") -> StravaError:
    return StravaError(400, "Bad Request", resource, field, code)


def invalid_token() -> StravaError:
    return StravaError(401, "Authorization Error", "Athlete", "access_token", "invalid")


def missing_scope(permission: str) -> StravaError:
    field = f"{permission}_permission"
    return StravaError(401, "Authorization Error", "AccessToken", field, "missing")


def not_found(resource: str) -> StravaError:
    return StravaError(404, "Record Not Found", resource, "id", "invalid")


def rate_limit_exceeded() -> StravaError:
    return StravaError(429, "Rate Limit Exceeded", "Application", "rate limit", "exceeded")


def server_error(status: int) -> StravaError:
    message = "Service Unavailable" if status == 503 else "Internal Server Error"
    return StravaError(status, message, "Application", "", "error")


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(StravaError, StravaError.to_response)
    for status in (404, 405):
        app.register_error_handler(status, _framework_error)


def _framework_error(error: Exception) -> Response:
    status = getattr(error, "code", 500)
    message = "Record Not Found" if status == 404 else "Method Not Allowed"
    return StravaError(status, message, "Resource", "path", "invalid").to_response()
