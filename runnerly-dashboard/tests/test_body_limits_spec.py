"""Every request body of the dashboard's API is bounded in its spec, field by field, and
every operation with a body answers 413 beyond its limit."""

from runnerly_core.testing import operations_without_413, unbounded_inputs


def test_the_spec_bounds_every_field_of_every_request_body(webtest):
    spec = webtest.get("/openapi.json").json
    assert unbounded_inputs(spec) == []
    assert operations_without_413(spec) == []
