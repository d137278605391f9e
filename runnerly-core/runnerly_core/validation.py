"""Request validation: messages that say which parameter is wrong, validators built once
per parameter instead of once per request, and JSON bodies checked by a compiled validator.

Connexion reports a bad parameter as the bare JSON-schema error (``'2026-13' does not match
'^…$'`` followed by the whole schema); a client needs to know it was ``month``. Connexion
3.3 also deep-copies each parameter's schema and builds a fresh ``Draft4Validator`` for it on
every request: about a tenth of the data service's CPU per listed page. The spec does not
change while the app runs, so each parameter's validator is built on first use and kept.

A JSON body is first checked by jsonschema-rs (compiled, in Rust), with the schema
Connexion would apply: Draft 4, formats checked, OpenAPI's ``nullable`` written as a
``null`` type. A body it accepts is accepted; only a body it refuses goes through
Connexion's own validator, which refuses it with the very message it always gave. The
Python validator walks the schema per request (a bulk upsert of 100 runs: about half the
data service's CPU for the request); the compiled one costs a fraction of that.
"""

from __future__ import annotations

import copy
from functools import lru_cache

import jsonschema_rs
from connexion.datastructures import MediaTypeDict
from connexion.utils import is_null, is_nullable
from connexion.validators import VALIDATOR_MAP, JSONRequestBodyValidator, ParameterValidator
from jsonschema import Draft4Validator, ValidationError


class NamedParameterValidator(ParameterValidator):
    @staticmethod
    def validate_parameter(parameter_type, value, param, param_name=None):
        error = _schema_error(parameter_type, value, param)
        if error is None or error.startswith("Missing"):
            return error
        message = error.split("\n\n", 1)[0]
        return f"{parameter_type.capitalize()} parameter '{param['name']}' is invalid: {message}"


def _schema_error(parameter_type: str, value, param: dict) -> str | None:
    """What Connexion's ``ParameterValidator.validate_parameter`` answers, with a kept validator."""
    if is_nullable(param) and is_null(value):
        return None
    if value is not None:
        try:
            validator_for(_Identity(param)).validate(value)
        except ValidationError as exception:
            return str(exception)
        return None
    if param.get("required"):
        return f"Missing {parameter_type} parameter '{param['name']}'"
    return None


class _Identity:
    """A parameter dict as a cache key: by identity (dicts are unhashable; the spec's
    parameter dicts live as long as the app), holding it so the id is never reused."""

    __slots__ = ("param",)

    def __init__(self, param: dict) -> None:
        self.param = param

    def __hash__(self) -> int:
        return id(self.param)

    def __eq__(self, other) -> bool:
        return isinstance(other, _Identity) and other.param is self.param


@lru_cache(maxsize=4096)
def validator_for(key: _Identity) -> Draft4Validator:
    param = copy.deepcopy(key.param)
    return Draft4Validator(param.get("schema", param), format_checker=Draft4Validator.FORMAT_CHECKER)


class CompiledJSONBodyValidator(JSONRequestBodyValidator):
    def _validate(self, body):
        compiled = compiled_for(_Identity(self._schema))
        if body is not None and compiled is not None and compiled.is_valid(body):
            return None  # as Connexion's answers for a valid body
        return super()._validate(body)  # refuses it, saying why (or accepts a null body)


@lru_cache(maxsize=1024)
def compiled_for(key: _Identity) -> jsonschema_rs.Draft4Validator | None:
    """The body schema compiled, or ``None`` (Connexion's validator alone) for a schema
    jsonschema-rs cannot compile, such as a pattern its regex engine does not know."""
    try:
        return jsonschema_rs.Draft4Validator(null_typed(key.param), validate_formats=True)
    except (ValueError, RecursionError, jsonschema_rs.ValidationError):
        return None  # e.g. a schema that contains itself once Connexion resolved its $refs


def null_typed(schema, within: frozenset = frozenset()):
    """The schema with OpenAPI's ``nullable`` (and ``x-nullable``) as JSON Schema says it:
    ``null`` among the types and the enumerated values, as Connexion's validator allows.
    :class:`RecursionError` for a schema that contains itself."""
    if id(schema) in within:
        raise RecursionError("the schema contains itself")
    if isinstance(schema, list):
        return [null_typed(item, within | {id(schema)}) for item in schema]
    if not isinstance(schema, dict):
        return schema
    copied = {key: null_typed(value, within | {id(schema)}) for key, value in schema.items()}
    if schema.get("nullable") is True or schema.get("x-nullable") is True:
        if isinstance(copied.get("type"), str):
            copied["type"] = [copied["type"], "null"]
        if isinstance(copied.get("enum"), list) and None not in copied["enum"]:
            copied["enum"] = [*copied["enum"], None]
    return copied


VALIDATORS = {
    "parameter": NamedParameterValidator,
    "body": MediaTypeDict({**VALIDATOR_MAP["body"], "*/*json": CompiledJSONBodyValidator}),
}
