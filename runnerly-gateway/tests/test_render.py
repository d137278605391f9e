"""render.py: settings from the environment, refused when nginx would misread them."""

import re

import pytest
import render


def test_every_placeholder_is_filled(workdir):
    out = workdir / "rendered"
    render.render(out, render.settings_from({"RUNNERLY_GATEWAY_ENVIRONMENT": "production"}))

    leftovers = [path.name for path in out.rglob("*.conf") if "{{" in path.read_text()]
    assert leftovers == []


def test_it_refuses_an_unknown_setting():
    with pytest.raises(render.ConfigError, match="RUNNERLY_GATEWAY_RATE_ADRESS"):
        render.settings_from({"RUNNERLY_GATEWAY_RATE_ADRESS": "5r/s"})


@pytest.mark.parametrize(
    ("rate", "seconds"), [("10r/s", 1), ("1r/s", 1), ("20r/m", 3), ("6r/m", 10), ("1r/m", 60)]
)
def test_retry_after_is_the_time_one_more_request_takes_to_be_allowed(rate, seconds):
    assert render.retry_after(rate) == seconds


@pytest.mark.parametrize("rate", ["10", "10r/h", "fast", "r/s"])
def test_it_refuses_a_rate_nginx_cannot_read(rate, workdir):
    settings = render.settings_from({"RUNNERLY_GATEWAY_RATE_AUTH": rate})

    with pytest.raises(render.ConfigError, match="rate"):
        render.render(workdir / "bad-rate", settings)


@pytest.mark.parametrize(
    ("name", "value"), [("BURST_ADDRESS", "0"), ("CONNECTIONS_SUBJECT", "-1"), ("BURST_AUTH", "x")]
)
def test_it_refuses_a_count_that_is_not_above_zero(name, value, workdir):
    settings = render.settings_from({f"RUNNERLY_GATEWAY_{name}": value})

    with pytest.raises(render.ConfigError, match=name):
        render.render(workdir / "bad-count", settings)


@pytest.mark.parametrize(
    "origin", ["*", "localhost:8080", "http://a.example/path", 'http://a.example" $x', "null"]
)
def test_it_refuses_a_cors_origin_that_is_not_scheme_host_port(origin):
    with pytest.raises(render.ConfigError, match="CORS origin"):
        render.cors_map(origin)


def test_it_refuses_to_run_without_the_waf_it_was_asked_for(workdir):
    settings = render.settings_from(
        {"RUNNERLY_GATEWAY_WAF": "on", "RUNNERLY_GATEWAY_MODULES_DIR": str(workdir / "no-modules")}
    )

    with pytest.raises(render.ConfigError, match="modsecurity"):
        render.render(workdir / "no-waf", settings)


def test_on_openresty_no_module_is_loaded(workdir):
    """OpenResty builds Lua in: with no Debian module directory, no load_module line."""
    settings = render.settings_from(
        {"RUNNERLY_GATEWAY_WAF": "off", "RUNNERLY_GATEWAY_MODULES_DIR": "/nonexistent"}
    )

    conf = render.render(workdir / "openresty", settings).read_text()

    assert "load_module" not in conf
    assert "modsecurity" not in conf


def test_the_crs_scanner_list_becomes_a_regex_of_literals(tmp_path):
    """The plain-read map refuses the CRS's scanners by this regex: each entry a literal,
    nothing in it able to end nginx's quoted key or act as regex syntax."""
    (tmp_path / "rules").mkdir()
    data = '# Scanners\n\nnikto\nbad"agent (1.0)\n.nasl\n'
    (tmp_path / "rules" / "scanners-user-agents.data").write_text(data)

    pattern = render.scanner_user_agents(tmp_path)

    assert '"' not in pattern
    assert " " not in pattern
    scanners = re.compile(pattern, re.IGNORECASE)
    assert scanners.search("Mozilla/5.00 (Nikto/2.1.6)")
    assert scanners.search('x bad"agent (1.0) y')
    assert scanners.search("OpenVAS .nasl")
    assert not scanners.search("xnasl")  # the dot is a dot
    assert not scanners.search("Scanners")  # comments are not entries


def test_without_the_crs_no_user_agent_is_a_scanner(tmp_path):
    assert not re.search(render.scanner_user_agents(tmp_path / "none"), "sqlmap/1.7")
