"""Parameter validation names the parameter, and builds each parameter's validator once."""

from connexion.validators import ParameterValidator

from runnerly_core.validation import NamedParameterValidator, validator_for

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
