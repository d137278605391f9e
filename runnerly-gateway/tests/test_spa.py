"""The dashboard's SPA: deep links fall back to index.html, hashed assets are cached for a
year, index.html is revalidated every time."""

from servers import HASHED_ASSET


def test_it_serves_the_app_at_the_root(gateway):
    answer = gateway.get("/")

    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("text/html")
    assert HASHED_ASSET in answer.text


def test_it_answers_a_deep_link_with_the_app(gateway):
    answer = gateway.get("/runs/42/splits")

    assert answer.status_code == 200
    assert HASHED_ASSET in answer.text


def test_index_html_is_revalidated_every_time(gateway):
    for path in ("/", "/index.html", "/plans/3"):
        assert gateway.get(path).headers["Cache-Control"] == "no-cache", path


def test_hashed_assets_are_cached_for_a_year(gateway):
    answer = gateway.get(HASHED_ASSET)

    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("application/javascript")
    assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"  # the headers stay on


def test_a_missing_asset_is_404_not_the_app(gateway):
    answer = gateway.get("/assets/index-00000000.js")

    assert answer.status_code == 404
    assert answer.headers["Content-Type"] == "application/problem+json"


def test_assets_are_compressed(gateway):
    answer = gateway.get(HASHED_ASSET, headers={"Accept-Encoding": "gzip"})

    assert answer.headers["Content-Encoding"] == "gzip"
    assert answer.text.startswith("export const app")
