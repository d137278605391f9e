"""Render the gateway's nginx configuration, and serve it.

The files under ``conf/`` are nginx configuration with ``{{NAME}}`` placeholders: the same
files serve ``make run`` (Debian's nginx with the Lua and ModSecurity modules) and
docker-compose; only the values differ (upstream hosts, the listen address, the limits).
Values come from ``RUNNERLY_GATEWAY_<NAME>`` environment variables over ``DEFAULTS``.

    python runnerly-gateway/render.py render --out .run/gateway   # write the configuration
    python runnerly-gateway/render.py serve --out .run/gateway    # render, then run nginx
    python runnerly-gateway/render.py check                       # can this machine serve it?

Standard library only: the gateway's image has no virtual environment.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONF = HERE / "conf"
LUA = HERE / "lua"
PREFIX = "RUNNERLY_GATEWAY_"
SERVICES = ("tokendealer", "data", "strava", "training", "import")
DEFAULTS = {
    "LISTEN": "8080",
    "ENVIRONMENT": "development",  # anything else hides the Strava sandbox
    "SPA_ROOT": str(HERE.parent / "runnerly-dashboard" / "frontend" / "dist"),
    "DASHBOARD_UPSTREAM": "127.0.0.1:5000",
    "TOKENDEALER_UPSTREAM": "127.0.0.1:5001",
    "DATA_UPSTREAM": "127.0.0.1:5002",
    "STRAVA_UPSTREAM": "127.0.0.1:5003",
    "TRAINING_UPSTREAM": "127.0.0.1:5004",
    "IMPORT_UPSTREAM": "127.0.0.1:5005",
    "SANDBOX_UPSTREAM": "127.0.0.1:5090",
    "CORS_ORIGINS": "http://localhost:8080 http://127.0.0.1:8080",
    # Requests per client address and per token subject, with the burst each may exceed by.
    "RATE_ADDRESS": "30r/s",
    "BURST_ADDRESS": "60",
    "RATE_SUBJECT": "20r/s",
    "BURST_SUBJECT": "40",
    # Login, sign-up, password reset and token endpoints: per client address.
    "RATE_AUTH": "20r/m",
    "BURST_AUTH": "10",
    # The dashboard's login, logout, sign-up and password routes (/api/login, /api/signup,
    # /api/password/forgot, ...); /api/tokendealer/oauth/token has its own location.
    "AUTH_PATHS": r"^/api/(?:auth/|accounts?/)?(?:login|logout|signup|sign-up|password|reset|forgot)",
    # Strava's webhook calls all come from Strava's few addresses.
    "RATE_WEBHOOK": "50r/s",
    "BURST_WEBHOOK": "200",
    "CONNECTIONS_ADDRESS": "64",
    "CONNECTIONS_SUBJECT": "32",
    "BODY_LIMIT": "1m",
    "UPLOAD_BODY_LIMIT": "64m",
    "UPLOAD_PATHS": r"^/api/(?:imports|uploads?)(?:/|$)",
    "WAF": "auto",  # on, off, or auto: on when the ModSecurity module and the CRS are installed
    "WORKER_PROCESSES": "auto",
    "ACCESS_LOG": "/dev/stdout",
    "ERROR_LOG": "stderr",
    "TLS_CERTIFICATE": "",
    "TLS_CERTIFICATE_KEY": "",
    "TLS_LISTEN": "8443",
    "EXTRA_SERVER_CONF": "",  # a file included in the server block (the tests' Lua probes)
    "MODULES_DIR": "/usr/lib/nginx/modules",
    "CRS_DIR": "/usr/share/modsecurity-crs",
    "CRS_SETUP": "/etc/modsecurity/crs/crs-setup.conf",
    "UNICODE_MAP": "/etc/nginx/unicode.mapping",
}
# Each route's methods, written from the services' specs by route_methods.py.
ROUTE_METHODS = CONF / "http" / "methods.json"
PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")
RATE = re.compile(r"^(\d+)r/([sm])$")


class ConfigError(ValueError):
    """A setting the gateway cannot be rendered with."""


def settings_from(environ: dict[str, str] | os._Environ) -> dict[str, str]:
    """DEFAULTS overridden by RUNNERLY_GATEWAY_* variables; an unknown one is refused."""
    unknown = {key for key in environ if key.startswith(PREFIX)} - {PREFIX + name for name in DEFAULTS}
    if unknown:
        raise ConfigError(f"unknown gateway settings: {', '.join(sorted(unknown))}")
    return {name: environ.get(PREFIX + name, default) for name, default in DEFAULTS.items()}


def check_counts(settings: dict[str, str]) -> None:
    """Bursts and connection counts are whole numbers above zero (nginx refuses 0)."""
    for name, value in settings.items():
        if name.startswith(("BURST_", "CONNECTIONS_")) and not (value.isdigit() and int(value) > 0):
            raise ConfigError(f"{name} is a whole number above zero, not {value!r}")


def retry_after(rate: str) -> int:
    """Seconds until a bucket of this rate lets one more request through."""
    match = RATE.match(rate)
    if not match:
        raise ConfigError(f"a rate is written like 10r/s or 20r/m, not {rate!r}")
    per_second = int(match[1]) / (1 if match[2] == "s" else 60)
    return max(1, math.ceil(1 / per_second))


def load_modules(settings: dict[str, str], waf: bool) -> str:
    """load_module lines for Debian's dynamic modules; OpenResty has Lua built in."""
    directory = Path(settings["MODULES_DIR"])
    wanted = ["ndk_http_module.so", "ngx_http_lua_module.so"] + (["ngx_http_modsecurity_module.so"] * waf)
    return "\n".join(f"load_module {directory / name};" for name in wanted if (directory / name).exists())


def waf_enabled(settings: dict[str, str]) -> bool:
    installed = (Path(settings["MODULES_DIR"]) / "ngx_http_modsecurity_module.so").exists() and Path(
        settings["CRS_DIR"]
    ).is_dir()
    choice = settings["WAF"]
    if choice == "on" and not installed:
        raise ConfigError("WAF=on but libnginx-mod-http-modsecurity or modsecurity-crs is missing")
    if choice not in {"on", "off", "auto"}:
        raise ConfigError(f"WAF is on, off or auto, not {choice!r}")
    return choice == "on" or (choice == "auto" and installed)


def cors_map(origins: str) -> str:
    """Exact-match entries of the origin allow-list (nginx map keys, quoted)."""
    entries = []
    for origin in origins.split():
        if not re.fullmatch(r"https?://[A-Za-z0-9.-]+(?::\d+)?", origin):
            raise ConfigError(f"a CORS origin is scheme://host[:port], not {origin!r}")
        entries.append(f'    "{origin}" $http_origin;')
    return "\n".join(entries)


def scanner_user_agents(crs_dir: Path) -> str:
    """One regex of the CRS's scanner user agents (rule 913100's list), each a literal.

    Every character but letters and digits is written as a PCRE hex escape, so no entry can
    end nginx's quoted map key or mean anything to the regex. Without the CRS, a regex that
    never matches (the WAF is off then, and the routes it would skip read nothing anyway).
    """
    data = crs_dir / "rules" / "scanners-user-agents.data"
    if not data.is_file():
        return "(?!)"
    entries = [line.strip() for line in data.read_text().splitlines()]
    literals = (
        "".join(c if c.isascii() and c.isalnum() else f"\\x{ord(c):02x}" for c in entry)
        for entry in entries
        if entry and not entry.startswith("#")
    )
    return "(?:" + "|".join(literals) + ")"


def route_pattern(template: str) -> str:
    """The regex of a route's path template: a {parameter} is one segment, as a service's
    router reads it (runnerly_core.allow.path_pattern)."""
    segments = template.split("/")[1:]
    for segment in segments:
        if not re.fullmatch(r"\{[A-Za-z_]+\}|[A-Za-z0-9._~-]+", segment) or segment in {".", ".."}:
            raise ConfigError(f"{ROUTE_METHODS.name}: {template!r} is not a path nginx can match")
    pieces = ("[^/]+" if segment.startswith("{") else segment.replace(".", "\\.") for segment in segments)
    return "^/" + "/".join(pieces) + "$"


def route_methods_map(table: Path) -> str:
    """The entries of the $runnerly_route_methods map: each route's regex and its methods.

    nginx tries a map's regexes in order, so a route with a literal segment comes before
    one with a parameter in its place (``runs/bulk`` before ``runs/{run_id}``)."""
    routes = json.loads(table.read_text())["routes"]

    def literals_first(template: str) -> list[tuple[bool, str]]:
        return [(segment.startswith("{"), segment) for segment in template.split("/")]

    entries = []
    for template in sorted(routes, key=literals_first):
        methods = routes[template]
        if not methods or not all(re.fullmatch(r"[A-Z]+", method) for method in methods):
            raise ConfigError(f"{table.name}: {template} has methods {methods!r}")
        entries.append(f'    "~{route_pattern(template)}" "{", ".join(methods)}";')
    return "\n".join(entries)


def values(settings: dict[str, str], out: Path) -> dict[str, str]:
    check_counts(settings)
    waf = waf_enabled(settings)
    tls = bool(settings["TLS_CERTIFICATE"])
    development = settings["ENVIRONMENT"] == "development"
    retry = {
        zone: retry_after(settings[f"RATE_{zone}"]) for zone in ("ADDRESS", "SUBJECT", "AUTH", "WEBHOOK")
    }
    return {
        **settings,
        "OUT": str(out),
        "LUA_DIR": str(out / "lua"),
        "LOAD_MODULES": load_modules(settings, waf),
        **{f"RETRY_AFTER_{zone}": str(seconds) for zone, seconds in retry.items()},
        "RETRY_AFTER_DEFAULT": str(max(retry["ADDRESS"], retry["SUBJECT"])),
        "CORS_ORIGIN_MAP": cors_map(settings["CORS_ORIGINS"]),
        "SCANNER_USER_AGENTS": scanner_user_agents(Path(settings["CRS_DIR"])),
        "ROUTE_METHODS": route_methods_map(ROUTE_METHODS),
        "WAF_INCLUDE": "include waf/waf.conf;" if waf else "# WAF off (RUNNERLY_GATEWAY_WAF)",
        "SANDBOX_INCLUDE": f"include optional/{'' if development else 'no-'}sandbox.conf;",
        "WAF_OFF": "modsecurity off;" if waf else "",
        "WAF_UPLOAD_RULES": "modsecurity_rules 'SecRequestBodyAccess Off';" if waf else "",
        "TLS_INCLUDE": "include optional/tls.conf;" if tls else "# TLS off: set TLS_CERTIFICATE(_KEY)",
        "EXTRA_INCLUDE": f"include {settings['EXTRA_SERVER_CONF']};" if settings["EXTRA_SERVER_CONF"] else "",
    }


def fill(text: str, known: dict[str, str], name: str) -> str:
    def value(match: re.Match) -> str:
        if match[1] not in known:
            raise ConfigError(f"{name}: no value for {{{{{match[1]}}}}}")
        return known[match[1]]

    return PLACEHOLDER.sub(value, text)


def render(out: Path, settings: dict[str, str]) -> Path:
    """Write the configuration under ``out`` and return its nginx.conf."""
    known = values(settings, out)
    for source in CONF.rglob("*.conf"):
        target = out / source.relative_to(CONF)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(fill(source.read_text(), known, str(source.relative_to(CONF))))
    shutil.copytree(LUA, out / "lua", dirs_exist_ok=True)
    # nginx makes tmp/body, tmp/proxy, ... itself, owned by its worker user.
    (out / "tmp").mkdir(exist_ok=True)
    return out / "nginx.conf"


def nginx_command(out: Path, *extra: str) -> list[str]:
    nginx = shutil.which("openresty") or shutil.which("nginx") or "nginx"
    return [nginx, "-p", str(out), "-c", str(out / "nginx.conf"), "-e", "stderr", *extra]


def unavailable_reason(settings: dict[str, str] | None = None) -> str | None:
    """Why this machine cannot run the gateway (None when it can)."""
    if shutil.which("openresty"):
        return None
    if not shutil.which("nginx"):
        return "nginx is not installed (apt-get install nginx libnginx-mod-http-lua lua-resty-core lua-cjson)"
    modules = Path((settings or DEFAULTS)["MODULES_DIR"])
    if not (modules / "ngx_http_lua_module.so").exists():
        return "nginx's Lua module is not installed (apt-get install libnginx-mod-http-lua lua-resty-core)"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["render", "serve", "check"])
    parser.add_argument("--out", type=Path, default=Path(".run/gateway"), help="where the rendered files go")
    args = parser.parse_args(argv)
    settings = settings_from(os.environ)
    reason = unavailable_reason(settings)
    if args.action == "check":
        print(reason or "nginx with the Lua module is installed")
        return 1 if reason else 0
    conf = render(args.out.resolve(), settings)
    if args.action == "render":
        print(conf)
        return 0
    if reason:
        raise SystemExit(f"the gateway cannot start: {reason}")
    subprocess.run(nginx_command(args.out.resolve(), "-t", "-q"), check=True)  # noqa: S603
    os.execv(nginx_command(args.out)[0], nginx_command(args.out.resolve(), "-g", "daemon off;"))  # noqa: S606
    return 0


if __name__ == "__main__":
    sys.exit(main())
