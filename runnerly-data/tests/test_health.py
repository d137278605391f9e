def test_liveness_answers_without_a_token(app):
    assert app.get("/health/live").json == {"status": "ok"}


def test_readiness_checks_the_database(app):
    body = app.get("/health/ready").json
    assert body["checks"] == {"database": "ok"}


def test_metrics_count_requests_by_operation(app):
    app.get("/health/live")
    text = app.get("/metrics").text
    assert 'operation="runnerly_core.health.live"' in text


def test_every_response_carries_a_request_id(app):
    given = app.get("/health/live", headers={"X-Request-ID": "abc-123"})
    assert given.headers["X-Request-ID"] == "abc-123"
    made = app.get("/health/live")
    assert len(made.headers["X-Request-ID"]) == 32


def test_a_path_with_control_characters_is_not_found(app, service):
    problem = app.get("/users/1/stats/weekly%0A", headers=service, status=404)
    assert problem.content_type == "application/problem+json"
