"""Every operation documents the gateway's 403: its WAF refuses a request before any
service sees it, so a client must expect that answer from any operation."""

from runnerly_core.app import document_gateway_refusal


def test_an_operation_without_a_403_gets_the_gateways():
    spec = {"paths": {"/runs": {"get": {"responses": {"200": {"description": "ok"}}}}}}

    documented = document_gateway_refusal(spec)

    assert documented["paths"]["/runs"]["get"]["responses"]["403"] == {
        "$ref": "#/components/responses/GatewayRefused"
    }
    refused = documented["components"]["responses"]["GatewayRefused"]
    assert list(refused["content"]) == ["application/problem+json"]


def test_an_operations_own_403_is_kept():
    own = {"$ref": "#/components/responses/Forbidden"}
    spec = {"paths": {"/runs": {"parameters": [], "post": {"responses": {"403": own}}}}}

    assert document_gateway_refusal(spec)["paths"]["/runs"]["post"]["responses"]["403"] == own
