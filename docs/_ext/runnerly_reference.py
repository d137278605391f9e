"""Reference pages generated from the code at every ``make docs``, so they cannot drift.

- ``settings-reference``: a table of a pydantic settings class: the environment variable,
  type, default and description of every field (the description is the field's own, or
  the comment written above it in the source); secrets are marked and their defaults hidden.
- ``openapi-reference``: every operation of a service's OpenAPI spec: method and path,
  summary, scopes, parameters, request body and responses.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import textwrap
import typing
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from pydantic import SecretStr

ROOT = Path(__file__).resolve().parents[2]
METHODS = ("get", "put", "post", "patch", "delete")


def _import(dotted: str):
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def field_comments(cls) -> dict[str, str]:
    """The comments above (or beside) each field assignment of ``cls`` and its bases."""
    comments: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if klass.__module__.startswith(("pydantic", "builtins")):
            continue
        try:
            source = textwrap.dedent(inspect.getsource(klass))
        except (OSError, TypeError):
            continue
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                comments[node.target.id] = _comment_at(lines, node.lineno - 1) or comments.get(
                    node.target.id, ""
                )
    return comments


def _comment_at(lines: list[str], index: int) -> str:
    above = []
    row = index - 1
    while row >= 0 and lines[row].strip().startswith("#"):
        above.insert(0, lines[row].strip().lstrip("#").strip())
        row -= 1
    beside = lines[index].partition("  # ")[2]
    if beside and not beside.startswith(("noqa", "nosec", "type:")):
        above.append(beside.split("  #")[0].split("# noqa")[0].strip())
    return " ".join(part for part in above if part)


def variable_name(name: str, field, prefix: str) -> str:
    alias = field.validation_alias
    choices = getattr(alias, "choices", None) or ([alias] if isinstance(alias, str) else [])
    for choice in choices:
        if isinstance(choice, str) and choice.isupper():
            return choice
    return f"{prefix}{name.upper()}"


def type_name(annotation) -> str:
    if typing.get_origin(annotation) is typing.Literal:
        return "one of " + ", ".join(str(value) for value in typing.get_args(annotation))
    text = getattr(annotation, "__name__", None) or repr(annotation)
    return text.replace("typing.", "").replace("pathlib.", "").replace("pydantic.types.", "")


def default_of(field) -> str:
    if field.is_required():
        return "required"
    if field.default_factory is not None:
        return "(computed)"
    default = field.default
    if isinstance(default, SecretStr):
        return "(none)" if not default.get_secret_value() else "(set)"
    if isinstance(default, Path):
        return str(default)
    return "(none)" if default in ("", None) else repr(default)


def settings_rows(cls, prefix: str, inherited: bool) -> list[list[str]]:
    comments = field_comments(cls)
    own = set(cls.__annotations__)
    rows = []
    for name, field in cls.model_fields.items():
        if not inherited and name not in own:
            continue
        secret = field.annotation is SecretStr
        description = field.description or comments.get(name, "")
        kind = "secret" if secret else type_name(field.annotation)
        rows.append([variable_name(name, field, prefix), kind, default_of(field), description])
    return rows


def table(headers: list[str], rows: list[list[str]], widths: list[int]) -> nodes.table:
    group = nodes.tgroup(cols=len(headers))
    group += [nodes.colspec(colwidth=width) for width in widths]
    head, body = nodes.thead(), nodes.tbody()
    head += _row(headers)
    body += [_row(cells) for cells in rows]
    group += [head, body]
    result = nodes.table()
    result += group
    return result


def _row(cells: list[str]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += nodes.paragraph(text=cell)
        row += entry
    return row


class SettingsReference(Directive):
    """``.. settings-reference:: runnerly_data.settings.DataSettings``"""

    required_arguments = 1
    option_spec = {"prefix": directives.unchanged, "inherited": directives.flag}

    def run(self):
        cls = _import(self.arguments[0])
        prefix = self.options.get("prefix") or cls.model_config.get("env_prefix", "")
        rows = settings_rows(cls, prefix, "inherited" in self.options)
        return [table(["variable", "type", "default", "description"], rows, [30, 10, 15, 45])]


class OpenApiReference(Directive):
    """``.. openapi-reference:: runnerly-data/runnerly_data/openapi/data.yaml``"""

    required_arguments = 1
    # The service's function giving the values its spec is rendered with, if it has one.
    option_spec = {"arguments": directives.unchanged, "settings": directives.unchanged}

    def run(self):
        from runnerly_core.spec import load_spec

        path = ROOT / self.arguments[0]
        self.state.document.settings.record_dependencies.add(str(path))
        arguments = {}
        if "arguments" in self.options:
            # Some services render their spec with values from their settings (defaults here).
            given = [_import(self.options["settings"])()] if "settings" in self.options else []
            arguments = _import(self.options["arguments"])(*given)
        spec = load_spec(path, {"token_url": "https://tokendealer.example/oauth/token", **arguments})
        info = spec.get("info", {})
        result = [nodes.paragraph(text=f"{info.get('title', '')} {info.get('version', '')}".strip())]
        if info.get("description"):
            result.append(nodes.literal_block(text=info["description"].strip()))
        for route, item in spec.get("paths", {}).items():
            for method in METHODS:
                if method in item:
                    operation = {
                        "security": spec.get("security", []),
                        **item[method],
                        "parameters": [*item.get("parameters", []), *item[method].get("parameters", [])],
                    }
                    result += operation_nodes(method, route, resolved(spec, operation))
        return result


def resolved(spec: dict, value):
    """``value`` with the spec's local ``$ref``s replaced by what they point at."""
    if isinstance(value, dict):
        if isinstance(value.get("$ref"), str) and value["$ref"].startswith("#/"):
            target = spec
            for part in value["$ref"][2:].split("/"):
                target = target.get(part, {})
            return resolved(spec, target)
        # Schemas may be recursive: only their type is shown.
        return {
            key: {"type": item.get("type")}
            if key == "schema" and isinstance(item, dict)
            else resolved(spec, item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [resolved(spec, item) for item in value]
    return value


def operation_nodes(method: str, route: str, operation: dict) -> list:
    result = [nodes.rubric(text=f"{method.upper()} {route}")]
    summary = operation.get("summary") or operation.get("description", "").strip().split("\n")[0]
    if summary:
        result.append(nodes.paragraph(text=summary))
    facts = nodes.bullet_list()
    facts += _item(f"operationId: {operation.get('operationId', '-')}")
    scopes = sorted(
        {scope for need in operation.get("security", []) for scopes in need.values() for scope in scopes}
    )
    facts += _item("scopes: " + (", ".join(scopes) if scopes else "none (public)"))
    for parameter in operation.get("parameters", []):
        if "name" in parameter:
            required = "required" if parameter.get("required") else "optional"
            kind = (parameter.get("schema") or {}).get("type") or "value"
            what = f"{parameter['in']} parameter {parameter['name']} ({kind}, {required})"
            facts += _item(f"{what}: {parameter.get('description', '')}")
    body = operation.get("requestBody", {}).get("content", {})
    if body:
        facts += _item("request body: " + ", ".join(sorted(body)))
    for code, response in operation.get("responses", {}).items():
        facts += _item(f"{code}: {response.get('description', '')}")
    result.append(facts)
    return result


def _item(text: str) -> nodes.list_item:
    item = nodes.list_item()
    item += nodes.paragraph(text=text.strip())
    return item


def setup(app):
    app.add_directive("settings-reference", SettingsReference)
    app.add_directive("openapi-reference", OpenApiReference)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
