"""Every operation that answers problem+json documents the gateway's 403: its WAF refuses a
request before any service sees it, so a client must expect that answer too."""

from runnerly_core.spec import document_gateway_refusal

PROBLEM = {"$ref": "#/components/responses/BadRequest"}
COMPONENTS = {
    "responses": {
        "BadRequest": {
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
        }
    },
    "schemas": {"Problem": {"type": "object"}},
}


def spec_with(operation: dict) -> dict:
    return {"paths": {"/runs": {"parameters": [], "post": operation}}, "components": COMPONENTS}


def test_an_operation_answering_problems_gets_the_gateways_403():
    spec = spec_with({"responses": {"201": {"description": "made"}, "400": PROBLEM}})

    documented = document_gateway_refusal(spec)

    assert documented["paths"]["/runs"]["post"]["responses"]["403"] == {
        "$ref": "#/components/responses/GatewayRefused"
    }
    refused = documented["components"]["responses"]["GatewayRefused"]
    assert refused["content"] == {
        "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
    }


def test_an_operations_own_403_is_kept():
    own = {"$ref": "#/components/responses/Forbidden"}
    spec = spec_with({"responses": {"400": PROBLEM, "403": own}})

    assert document_gateway_refusal(spec)["paths"]["/runs"]["post"]["responses"]["403"] == own


def test_an_operation_answering_only_json_keeps_its_single_media_type():
    """Connexion gives a handler's answer the operation's only media type; a second one
    (problem+json) would leave the OAuth token endpoint unable to answer."""
    json_only = {"content": {"application/json": {"schema": {"type": "object"}}}}
    spec = spec_with({"responses": {"200": json_only, "400": json_only}})

    assert "403" not in document_gateway_refusal(spec)["paths"]["/runs"]["post"]["responses"]
