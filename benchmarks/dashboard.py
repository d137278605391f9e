"""``make bench``: the dashboard's first load in headless Chromium.

Serves the built React app (``runnerly-dashboard/frontend/dist``, the directory the gateway
serves as the SPA root; ``make frontend`` builds it) from a local static server on a free
port, loads the login page in Debian's Chromium driven by the frontend's playwright-core
(``first_paint.cjs``), each load in a fresh browser context (empty cache), and writes:

- ``dashboard_first_content_s``: the median first contentful paint (the Performance API's
  ``first-contentful-paint`` entry), in seconds;
- ``dashboard_js_gz_kb``: the gzip size (level 6, as a gateway would send it) of the
  JavaScript files the first load fetched, summed, in KB.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import statistics
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from results import write_measure

ROOT = Path(__file__).resolve().parent.parent
FRONTEND = ROOT / "runnerly-dashboard" / "frontend"
DIST = FRONTEND / "dist"
CHROMIUM = Path("/usr/bin/chromium")
FIRST_CONTENT_GOAL_S = 1.0
JS_GZ_GOAL_KB = 200


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--loads", type=int, default=5, help="fresh loads of the login page")
    options = parser.parse_args(argv)
    missing = unavailable_reason()
    if missing:
        print(f"Dashboard not measured: {missing}")
        for name, goal in (
            ("dashboard_first_content_s", FIRST_CONTENT_GOAL_S),
            ("dashboard_js_gz_kb", JS_GZ_GOAL_KB),
        ):
            write_measure(name, None, goal=goal, direction="at_most", reason=missing)
        return 0
    with static_server(DIST) as url:
        loads = first_loads(f"{url}/login", options.loads)
    paint_s = statistics.median(load["first_contentful_paint_ms"] for load in loads) / 1000
    scripts = sorted({script for load in loads for script in load["scripts"]})
    sizes = {script: gzip_kb(DIST / script.lstrip("/")) for script in scripts}
    js_kb = sum(sizes.values())
    paints = " ".join(f"{load['first_contentful_paint_ms']:.0f}" for load in loads)
    print(f"first contentful paint: {paints} ms")
    print(f"JavaScript fetched by the first load: {js_kb:.1f} KB gzipped ({', '.join(scripts)})")
    write_measure(
        "dashboard_first_content_s",
        paint_s,
        goal=FIRST_CONTENT_GOAL_S,
        direction="at_most",
        unit="s, median first contentful paint of /login (fresh context)",
        details={
            "loads_ms": [load["first_contentful_paint_ms"] for load in loads],
            "server": "local static server of dist/",
        },
    )
    write_measure(
        "dashboard_js_gz_kb",
        js_kb,
        goal=JS_GZ_GOAL_KB,
        direction="at_most",
        unit="KB, gzip -6 of the JavaScript the first load fetches",
        details={"files": sizes},
    )
    return 0


def unavailable_reason() -> str | None:
    if not (DIST / "index.html").exists():
        return f"{DIST.relative_to(ROOT)} is not built (make frontend)"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install -y chromium)"
    if not (FRONTEND / "node_modules" / "playwright-core").exists():
        return "the frontend's node_modules are missing (make install)"
    return None


class SpaHandler(http.server.SimpleHTTPRequestHandler):
    """dist/ as the gateway serves it: a file when it exists, else index.html (client routes)."""

    def send_head(self):
        if not (Path(self.directory) / self.path.split("?")[0].lstrip("/")).is_file():
            self.path = "/index.html"
        return super().send_head()

    def log_message(self, *_args) -> None:
        pass  # quiet


@contextmanager
def static_server(directory: Path):
    handler = functools.partial(SpaHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def first_loads(url: str, loads: int) -> list[dict]:
    argv = ["node", str(Path(__file__).with_name("first_paint.cjs")), str(FRONTEND), url, str(loads)]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=300, check=False)  # noqa: S603
    if result.returncode:
        raise SystemExit(f"Chromium could not load {url}:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def gzip_kb(path: Path) -> float:
    return round(len(gzip.compress(path.read_bytes(), compresslevel=6)) / 1024, 1)


if __name__ == "__main__":
    sys.exit(main())
