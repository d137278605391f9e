"""A service's OpenAPI spec: rendered from its template with the blocks every service
shares, parsed, and completed with what every service answers alike (the gateway's 403)."""

from __future__ import annotations

from pathlib import Path

import jinja2
import yaml

from runnerly_core.allow import HTTP_METHODS

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_spec(path: Path, arguments: dict) -> dict:
    """The spec, rendered as a Jinja template (values known only at start, like the token
    URL or the time zones this machine knows) and parsed. The blocks every service shares
    (health paths, common responses, the problem schema) are included from
    ``runnerly_core/openapi`` as ``runnerly/<file>``."""
    # libyaml's loader parses a service's spec about ten times faster than the pure-Python one.
    rendered = SPEC_TEMPLATES.from_string(path.read_text()).render(**arguments)
    spec = yaml.load(rendered, Loader=SAFE_LOADER)  # noqa: S506 — a safe loader
    return document_gateway_refusal(spec)


PROBLEM = "application/problem+json"
GATEWAY_REFUSED = {
    "description": (
        "Refused by the gateway in front of the service (its web application firewall), "
        "whatever the operation: the request never reached the service."
    ),
    "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}},
}


def document_gateway_refusal(spec: dict) -> dict:
    """Every operation may be answered 403 by the gateway's WAF before the service sees the
    request: the spec says so (``GatewayRefused``) where the operation documents no 403 of
    its own (those already say problem+json, as the WAF's does).

    Only operations that already answer problem+json get it: Connexion picks the media type
    of a handler's answer from the operation's responses, and a second one would leave it
    unable to (the OAuth token endpoint answers RFC 6749's application/json, the liveness
    probe plain JSON)."""
    components = spec.setdefault("components", {})
    responses = components.setdefault("responses", {})
    responses["GatewayRefused"] = GATEWAY_REFUSED
    if "Problem" not in components.get("schemas", {}):  # a spec with its problems inline
        responses["GatewayRefused"] = {
            **GATEWAY_REFUSED,
            "content": {PROBLEM: {"schema": {"type": "object"}}},
        }
    for item in spec.get("paths", {}).values():
        for method, operation in item.items():
            answers = operation.get("responses", {}) if method in HTTP_METHODS else {}
            if PROBLEM in _media_types(answers, responses):
                answers.setdefault("403", {"$ref": "#/components/responses/GatewayRefused"})
    return spec


def _media_types(answers: dict, components: dict) -> set[str]:
    types = set()
    for answer in answers.values():
        if "$ref" in answer:
            answer = components.get(answer["$ref"].rsplit("/", 1)[-1], {})
        types.update(answer.get("content", {}))
    return types


SPEC_TEMPLATES = jinja2.Environment(
    loader=jinja2.PrefixLoader({"runnerly": jinja2.PackageLoader("runnerly_core", "openapi")}),
    autoescape=False,  # noqa: S701 — templates of YAML, not HTML: there is nothing to escape
    undefined=jinja2.StrictUndefined,
)
