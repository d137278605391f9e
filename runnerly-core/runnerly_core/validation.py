"""Request parameter validation: messages that say which parameter is wrong, and validators
built once per parameter instead of once per request.

Connexion reports a bad parameter as the bare JSON-schema error (``'2026-13' does not match
'^…$'`` followed by the whole schema); a client needs to know it was ``month``. Connexion
3.3 also deep-copies each parameter's schema and builds a fresh ``Draft4Validator`` for it on
every request: about a tenth of the data service's CPU per listed page. The spec does not
change while the app runs, so each parameter's validator is built on first use and kept.
"""

from __future__ import annotations

import copy
from functools import lru_cache

from connexion.utils import is_null, is_nullable
from connexion.validators import ParameterValidator
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


VALIDATORS = {"parameter": NamedParameterValidator}
