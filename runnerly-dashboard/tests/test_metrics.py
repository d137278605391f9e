"""The dashboard's /metrics: requests per operation, and the mail queue its workers drain."""

from __future__ import annotations

from kombu import Connection, Queue

from runnerly_core.testing import metric_value
from runnerly_dashboard.worker import QUEUE


def test_metrics_count_requests_by_operation_and_status(webtest):
    labels = {"service": "runnerly-dashboard", "method": "GET", "operation": "runnerly_core.health.live"}
    before = _counted(webtest, labels)
    webtest.get("/health/live")
    assert _counted(webtest, labels) == before + 1


def test_metrics_show_how_many_mails_wait_in_the_workers_queue(webtest, broker_url):
    with Connection(broker_url) as connection:
        channel = connection.default_channel
        Queue(QUEUE, durable=True)(channel).declare()
        before = _waiting(webtest)
        connection.Producer(channel).publish({"probe": True}, routing_key=QUEUE)
        try:
            assert _waiting(webtest) == before + 1
        finally:
            channel.basic_ack(channel.basic_get(QUEUE).delivery_tag)


def _counted(webtest, labels: dict) -> float:
    text = webtest.get("/metrics").text
    return metric_value(text, "runnerly_http_requests_total", status="200", **labels) or 0


def _waiting(webtest) -> float:
    return metric_value(webtest.get("/metrics").text, "runnerly_celery_queue_depth", queue=QUEUE)
