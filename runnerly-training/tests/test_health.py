def test_liveness_answers_without_a_token(app):
    assert app.get("/health/live").json == {"status": "ok"}


def test_readiness_checks_the_cache_database(app):
    assert app.get("/health/ready").json["checks"] == {"database": "ok"}


def test_metrics_count_requests_by_operation(app):
    app.get("/health/live")
    assert 'operation="runnerly_core.health.live"' in app.get("/metrics").text


def test_the_spec_is_served_with_the_training_scopes(app):
    spec = app.get("/openapi.json").json
    scopes = spec["components"]["securitySchemes"]["oauth2"]["flows"]["clientCredentials"]["scopes"]
    assert set(scopes) == {"fitness:read", "load:read", "plans:read", "plans:write"}
