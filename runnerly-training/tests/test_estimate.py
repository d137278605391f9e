"""POST /fitness/estimate: VDOT, predictions and paces from performances, no runner's data."""

import pytest

STANDARD = {
    "1500 m": 1500.0,
    "1 mile": 1609.344,
    "3000 m": 3000.0,
    "5 km": 5000.0,
    "10 km": 10000.0,
    "half marathon": 21097.5,
    "marathon": 42195.0,
}


def estimate(app, headers, status=200, **body):
    return app.post_json("/fitness/estimate", body, headers=headers, status=status).json


def test_a_20_minute_5k_is_vdot_50_with_predictions_and_paces(app, service):
    body = estimate(app, service, performances=[{"distance_m": 5000, "time_s": 1200}])
    assert body["vdot"] == pytest.approx(49.8, abs=0.05)
    predictions = {p["name"]: p for p in body["predictions"]}
    assert {name: p["distance_m"] for name, p in predictions.items()} == STANDARD
    assert predictions["10 km"]["time_s"] == pytest.approx(41 * 60 + 28, abs=2)  # MODEL.md
    assert predictions["marathon"]["time_s"] == pytest.approx(3 * 3600 + 11 * 60 + 17, abs=3)
    assert predictions["5 km"]["time_s"] == pytest.approx(1200, abs=0.5)
    assert predictions["5 km"]["pace_s_per_km"] == 240.0
    assert set(body["training_paces"]) == {"easy", "marathon", "threshold", "interval", "repetition"}
    easy = body["training_paces"]["easy"]
    assert 300 < easy["min_s_per_km"] < easy["max_s_per_km"] < 345


def test_riegel_is_given_beside_vdot_with_its_exponent(app, service):
    default = estimate(app, service, performances=[{"distance_m": 10000, "time_s": 2400}])
    steeper = estimate(
        app, service, performances=[{"distance_m": 10000, "time_s": 2400}], riegel_exponent=1.1
    )
    assert default["riegel_exponent"] == 1.06
    marathon = {p["name"]: p for p in default["predictions"]}["marathon"]
    assert marathon["riegel_time_s"] == pytest.approx(2400 * 4.2195**1.06, abs=0.1)  # 3:04:00
    slower = {p["name"]: p for p in steeper["predictions"]}["marathon"]
    assert slower["riegel_time_s"] > marathon["riegel_time_s"]
    assert slower["time_s"] == marathon["time_s"]  # VDOT does not depend on the exponent


def test_several_performances_take_the_best_and_say_so(app, service):
    performances = [
        {"distance_m": 10000, "time_s": 2700},  # a bad day
        {"distance_m": 5000, "time_s": 1200},
        {"distance_m": 21097.5, "time_s": 6300},
    ]
    body = estimate(app, service, performances=performances)
    assert body["driver_index"] == 1
    assert body["vdot"] == max(p["vdot"] for p in body["performances"])
    assert [p["distance_m"] for p in body["performances"]] == [10000, 5000, 21097.5]
    assert "best VDOT wins" in body["combination"]


def test_any_token_for_the_training_service_may_estimate_whatever_its_scope(app, tokens):
    headers = tokens.user(42, scope="some:thing")
    assert estimate(app, headers, performances=[{"distance_m": 5000, "time_s": 1500}])["vdot"] > 30


def test_it_rejects_a_token_for_another_audience(app, tokens):
    headers = tokens.service(audience="runnerly-data")
    body = estimate(app, headers, status=401, performances=[{"distance_m": 5000, "time_s": 1500}])
    assert "audience" in body["detail"].lower()


def test_it_needs_a_token(app):
    app.post_json("/fitness/estimate", {"performances": [{"distance_m": 5000, "time_s": 1500}]}, status=401)


@pytest.mark.parametrize(
    ("performance", "says"),
    [
        ({"distance_m": 0, "time_s": 1200}, "less than the minimum of 800"),
        ({"distance_m": -5000, "time_s": 1200}, "less than the minimum of 800"),
        ({"distance_m": 5000, "time_s": 0}, "less than or equal to the minimum of 0"),
        ({"distance_m": 5000, "time_s": -60}, "minimum of 0"),
        ({"distance_m": 700, "time_s": 120}, "less than the minimum of 800"),
        ({"distance_m": 120000, "time_s": 40000}, "greater than the maximum of 100000"),
        ({"distance_m": 5000, "time_s": 600}, "5000 m in 10:00 (2:00/km) is faster than any human has run"),
        ({"distance_m": 5000, "time_s": 3 * 3600}, "slower than 20:00/km"),
    ],
)
def test_bad_performances_are_refused_with_the_reason(app, service, performance, says):
    response = app.post_json(
        "/fitness/estimate", {"performances": [performance]}, headers=service, status=400
    )
    assert response.content_type == "application/problem+json"
    assert says in response.json["detail"]


def test_the_problem_names_the_performance_at_fault(app, service):
    performances = [{"distance_m": 5000, "time_s": 1200}, {"distance_m": 10000, "time_s": 900}]
    body = estimate(app, service, status=400, performances=performances)
    assert body["detail"].startswith("performance 1: ")


def test_a_riegel_exponent_out_of_range_is_refused(app, service):
    body = estimate(
        app, service, status=400, performances=[{"distance_m": 5000, "time_s": 1200}], riegel_exponent=1.5
    )
    assert "maximum of 1.2" in body["detail"]


def test_no_performance_is_refused(app, service):
    assert "should be non-empty" in estimate(app, service, status=400, performances=[])["detail"]
