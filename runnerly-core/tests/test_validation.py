"""Parameter validation names the parameter, and builds each parameter's validator once;
JSON bodies are checked by a compiled validator that agrees with Connexion's."""

import pytest
from connexion.exceptions import BadRequestProblem
from connexion.validators import JSONRequestBodyValidator, ParameterValidator

from runnerly_core.validation import (
    CompiledJSONBodyValidator,
    NamedParameterValidator,
    _Identity,
    compiled_for,
    validator_for,
)

MONTH = {
    "name": "month",
    "in": "query",
    "required": True,
    "schema": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"},
}
LIMIT = {
    "name": "limit",
    "in": "query",
    "schema": {"type": "integer", "minimum": 1, "maximum": 100, "nullable": True},
}


def test_it_names_the_parameter_that_is_wrong():
    error = NamedParameterValidator.validate_parameter("query", "2026-13x", MONTH)
    assert error.startswith("Query parameter 'month' is invalid: '2026-13x' does not match")
    assert "\n" not in error  # not the whole schema after it


def test_it_answers_what_connexion_answers_for_missing_and_valid_values():
    for value in (None, "2026-11"):
        assert NamedParameterValidator.validate_parameter("query", value, MONTH) == (
            ParameterValidator.validate_parameter("query", value, MONTH)
        )
    assert NamedParameterValidator.validate_parameter("query", None, LIMIT) is None
    assert "101 is greater than the maximum of 100" in NamedParameterValidator.validate_parameter(
        "query", 101, LIMIT
    )


def test_it_builds_a_parameters_validator_once_however_many_requests_check_it():
    param = {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}}
    before = validator_for.cache_info()
    for page in range(1, 50):
        assert NamedParameterValidator.validate_parameter("query", page, param) is None
    after = validator_for.cache_info()
    assert after.misses == before.misses + 1
    assert after.hits == before.hits + 48


def test_it_does_not_mix_up_two_parameters_with_equal_schemas():
    first = {"name": "a", "in": "query", "schema": {"type": "integer", "maximum": 3}}
    second = {"name": "b", "in": "query", "schema": {"type": "integer", "maximum": 3}}
    assert "parameter 'a'" in NamedParameterValidator.validate_parameter("query", 4, first)
    assert "parameter 'b'" in NamedParameterValidator.validate_parameter("query", 4, second)


# JSON bodies: the compiled check accepts what Connexion accepts; what it refuses gets
# Connexion's own answer.
RUN = {
    "type": "object",
    "additionalProperties": False,
    "required": ["distance_m"],
    "properties": {
        "distance_m": {"type": "number", "minimum": 0},
        "heartrate": {"type": "integer", "maximum": 250, "nullable": True},
        "kind": {"type": "string", "enum": ["run", "walk"], "nullable": True},
        "start": {"type": "string", "format": "date-time"},
        "streams": {"type": "string", "pattern": "^[0-9]{1,7}(,[0-9]{1,7})*$"},
    },
}


def body_validator(schema: dict) -> CompiledJSONBodyValidator:
    return CompiledJSONBodyValidator(schema=schema, encoding="utf-8", strict_validation=True)


def test_a_valid_body_passes_the_compiled_check_alone_and_the_check_is_built_once():
    validator = body_validator(RUN)
    body = {"distance_m": 5000, "heartrate": None, "kind": None, "start": "2026-03-01T07:30:00Z"}
    before = compiled_for.cache_info()
    for _ in range(5):
        assert validator._validate(body) is None  # no problem raised
    assert compiled_for(_Identity(RUN)).is_valid(body)  # nullable, as Connexion reads it
    assert compiled_for.cache_info().misses <= before.misses + 1


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({}, "'distance_m' is a required property"),
        ({"distance_m": -1}, "-1 is less than the minimum of 0 - 'distance_m'"),
        ({"distance_m": 1, "heartrate": 1.5}, "1.5 is not of type 'integer' - 'heartrate'"),
        ({"distance_m": 1, "kind": "swim"}, "'swim' is not one of ['run', 'walk'] - 'kind'"),
        ({"distance_m": 1, "start": "yesterday"}, "'yesterday' is not a 'date-time' - 'start'"),
        ({"distance_m": 1, "streams": "1,,2"}, "'1,,2' does not match"),
        ({"distance_m": 1, "extra": 1}, "Additional properties are not allowed ('extra' was unexpected)"),
    ],
)
def test_a_bad_body_is_refused_with_connexions_own_message(body, says):
    with pytest.raises(BadRequestProblem) as refused:
        body_validator(RUN)._validate(body)
    assert says in refused.value.detail
    with pytest.raises(BadRequestProblem) as by_connexion:
        JSONRequestBodyValidator(schema=RUN, encoding="utf-8", strict_validation=True)._validate(body)
    assert refused.value.detail == by_connexion.value.detail


def test_a_schema_that_contains_itself_is_left_to_connexion():
    tree = {"type": "object", "properties": {}}
    tree["properties"]["child"] = tree
    assert compiled_for(_Identity(tree)) is None
    assert body_validator(tree)._validate({"child": {"child": {}}}) is None
    with pytest.raises(BadRequestProblem):
        body_validator(tree)._validate({"child": {"child": 3}})
