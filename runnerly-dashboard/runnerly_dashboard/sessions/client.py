"""Who is at the other end: the network address (behind ``trusted_proxies`` proxies, the
one the nearest trusted proxy saw) and the user agent, for throttling and the session list."""

from flask import current_app, request


def address() -> str:
    proxies = current_app.config["RUNNERLY_SETTINGS"].trusted_proxies
    forwarded = [
        part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()
    ]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.remote_addr or "unknown"


def user_agent() -> str:
    return request.headers.get("User-Agent", "")[:300]
