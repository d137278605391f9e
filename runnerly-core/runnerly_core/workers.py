"""What every Celery app of the suite gets from one call: ``instrument(app, service)``.

- **Request ids.** A task sent while a request or another task is served carries that id
  in its message headers (``runnerly_request_id``). The worker binds it while the task
  runs, so the task's log lines, its calls to other services (``ServiceClient`` sends
  ``X-Request-ID``), the events it records and the tasks it sends carry it too. A task sent
  with no id around it (by beat) takes its own task id, so what it causes still shares one.
- **Logs.** Celery replaces the root logger's handlers in its processes by default; here
  it keeps the suite's JSON handler, set up by the service before the worker starts.
- **Metrics.** Tasks counted by outcome and timed per task name (names are the code's, so
  the series stay few); ``worker_metrics_port`` serves them from the worker process.
- **Heartbeat.** With a ``heartbeat_file``, a worker touches it from its event loop while
  it is connected to the broker, and beat on each tick of its scheduler
  (:mod:`runnerly_core.heartbeat`: ``runnerly-health heartbeat`` checks it).

Celery's signals are process-wide: the receivers are connected once, whatever the number
of apps, and each app's service name is read from its configuration.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from celery import Celery, bootsteps, signals
from celery.beat import PersistentScheduler
from kombu import Connection, Queue
from prometheus_client import Counter, Histogram

from runnerly_core import events, logs, metrics, tracing
from runnerly_core.heartbeat import Heartbeat

log = logging.getLogger(__name__)

HEADER = "runnerly_request_id"
SERVICE_KEY = "runnerly_service"
METRICS_PORT_KEY = "runnerly_worker_metrics_port"
HEARTBEAT_KEY = "runnerly_heartbeat_file"
# Beat sleeps until its next entry is due, up to 5 minutes by default: it wakes at least
# this often, so that its heartbeat says it is alive. A tick costs next to nothing.
BEAT_MAX_INTERVAL_S = 30
WORKER_BEAT_EVERY_S = 5.0
# The service of the process's Celery app, for signals that name no app (a forked child's).
_instrumented: dict[str, str] = {}

TASKS = Counter(
    "runnerly_celery_tasks_total",
    "Celery tasks run, by outcome (success, failure, retry, ...).",
    ["service", "task", "outcome"],
)
TASK_DURATION = Histogram(
    "runnerly_celery_task_duration_seconds",
    "Time a Celery task ran.",
    ["service", "task"],
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300),
)


def instrument(
    app: Celery, service: str, metrics_port: int = 0, heartbeat_file: str | Path | None = None
) -> Celery:
    """Request ids, JSON logs and metrics for ``app``'s workers and the tasks it sends;
    a heartbeat for its workers and beat when ``heartbeat_file`` is given."""
    app.conf.update(
        {SERVICE_KEY: service, METRICS_PORT_KEY: metrics_port, "worker_hijack_root_logger": False}
    )
    if heartbeat_file:
        app.conf.update(
            {
                HEARTBEAT_KEY: str(heartbeat_file),
                "beat_scheduler": f"{__name__}:BeatingScheduler",
                "beat_max_loop_interval": BEAT_MAX_INTERVAL_S,
            }
        )
        app.steps["consumer"].add(WorkerHeartbeat)
    _instrumented["service"] = service
    _connect_once()
    return app


def reliable_config(broker_url: str, queues: list[str], time_limit_seconds: int | None = None) -> dict:
    """The Celery settings every worker of the suite shares; ``queues[0]`` is the default.

    A message is acknowledged after its task ran (``acks_late``) and given back if the
    worker dies or loses the broker (the task is cancelled then, so that it does not run
    twice); each worker takes one message at a time; results are not kept. A task running
    past ``time_limit_seconds`` is told 30 s before it is killed (when the limit leaves room).
    """
    config = {
        "broker_url": broker_url,
        "broker_connection_retry_on_startup": True,
        "broker_transport_options": events.transport_options(broker_url),
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "worker_cancel_long_running_tasks_on_connection_loss": True,
        "task_ignore_result": True,
        "task_serializer": "json",
        "accept_content": ["json"],
        "task_default_queue": queues[0],
        "task_queues": [Queue(queue, durable=True) for queue in queues],
        "timezone": "UTC",
    }
    if time_limit_seconds is not None:
        soft = time_limit_seconds - 30 if time_limit_seconds > 60 else time_limit_seconds
        config.update(task_time_limit=time_limit_seconds, task_soft_time_limit=soft)
    return config


def _connect_once() -> None:
    signals.before_task_publish.connect(_stamp_request_id, dispatch_uid="runnerly.stamp", weak=False)
    signals.task_prerun.connect(_bind_request_id, dispatch_uid="runnerly.bind", weak=False)
    signals.task_postrun.connect(_unbind_and_count, dispatch_uid="runnerly.unbind", weak=False)
    signals.worker_init.connect(_serve_metrics, dispatch_uid="runnerly.metrics", weak=False)
    signals.worker_init.connect(_trace, dispatch_uid="runnerly.trace", weak=False)
    signals.worker_process_init.connect(_trace, dispatch_uid="runnerly.trace-child", weak=False)


def _stamp_request_id(headers: dict | None = None, **_) -> None:
    request_id = logs.current_request_id()
    if headers is not None and request_id:
        headers.setdefault(HEADER, request_id)


def _bind_request_id(task_id: str, task, **_) -> None:
    request_id = logs.valid_request_id(getattr(task.request, HEADER, None)) or task_id
    task.request.runnerly_token = logs.bind_request_id(request_id)
    task.request.runnerly_started = time.perf_counter()


def _unbind_and_count(task, state: str | None = None, **_) -> None:
    service = task.app.conf.get(SERVICE_KEY) or task.app.main or "celery"
    started = getattr(task.request, "runnerly_started", None)
    if started is not None:
        TASK_DURATION.labels(service, task.name).observe(time.perf_counter() - started)
    TASKS.labels(service, task.name, (state or "unknown").lower()).inc()
    token = getattr(task.request, "runnerly_token", None)
    if token is not None:
        logs.reset_request_id(token)


def _trace(sender=None, **_) -> None:
    """Tracing and Sentry when their variables are set, in every process that runs tasks
    (the main one for the threads pool, each forked child for prefork)."""
    tracing.instrument_worker(_instrumented.get("service", "runnerly-worker"))


def _serve_metrics(sender, **_) -> None:
    """The worker's own ``/metrics``, started in its main process before the pool forks."""
    port = sender.app.conf.get(METRICS_PORT_KEY) or 0
    if port:
        metrics.serve_in_thread(port)
        log.info("worker metrics on port %s", port)


class WorkerHeartbeat(bootsteps.StartStopStep):
    """A step of the worker's consumer: beats from the worker's timer, which the prefork
    pool's event loop runs, from the moment the worker consumes its queues. When the broker
    connection is lost Celery stops the step (and cancels the timer's entries of that
    connection); it starts again once reconnected. A stuck event loop stops beating too."""

    requires = ("celery.worker.consumer.tasks:Tasks",)

    def __init__(self, parent, **kwargs) -> None:
        super().__init__(parent, **kwargs)
        self.heartbeat: Heartbeat | None = None
        self.timer_entry = None

    def include_if(self, parent) -> bool:
        return bool(parent.app.conf.get(HEARTBEAT_KEY))

    def start(self, parent) -> None:
        if self.heartbeat is None:
            self.heartbeat = Heartbeat(parent.app.conf.get(HEARTBEAT_KEY), every=0)
        self.heartbeat.beat()
        self.timer_entry = parent.timer.call_repeatedly(WORKER_BEAT_EVERY_S, self.heartbeat.beat)

    def stop(self, parent) -> None:
        if self.timer_entry is not None:
            self.timer_entry.cancel()
            self.timer_entry = None

    shutdown = stop


class BeatingScheduler(PersistentScheduler):
    """Celery's default scheduler (the schedule file), with a heartbeat on each tick."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.heartbeat = Heartbeat(self.app.conf.get(HEARTBEAT_KEY), every=0)

    def tick(self, *args, **kwargs) -> float:
        interval = super().tick(*args, **kwargs)
        self.heartbeat.beat()
        return interval


def queue_depth_collector(broker_url: str, queues: list[str]) -> metrics.GaugeCollector:
    """``runnerly_celery_queue_depth{queue}``: messages waiting, asked of the broker at
    scrape time (a passive declare per queue: no message is touched)."""
    return metrics.GaugeCollector(
        "runnerly_celery_queue_depth",
        "Messages waiting in a Celery queue.",
        ["queue"],
        lambda: _queue_depths(broker_url, queues),
    )


def _queue_depths(broker_url: str, queues: list[str]) -> dict:
    depths = {}
    with Connection(
        broker_url, connect_timeout=2, transport_options=events.transport_options(broker_url)
    ) as connection:
        connection.ensure_connection(max_retries=1)
        for queue in queues:
            # A missing queue closes its channel on AMQP: one channel each.
            with connection.channel() as channel:
                try:
                    _, count, _ = channel.queue_declare(queue=queue, passive=True)
                except connection.channel_errors:
                    continue
                depths[(queue,)] = count
    return depths


def start_beat_thread(app: Celery, schedule_file: str) -> None:
    """Celery beat in a thread of this worker process (``worker --beat``, ``make run``):
    beat's own process holds a second copy of the same modules, about 100 MB
    (benchmarks/README.md), and Celery's ``worker -B`` forks one. Exactly one beat per
    deployment, so only one worker may take ``--beat``. The thread wakes every second (Celery
    sets it so), and writes the schedule file when the worker stops."""
    from pathlib import Path

    from celery.beat import EmbeddedService

    Path(schedule_file).parent.mkdir(parents=True, exist_ok=True)
    beat = EmbeddedService(app, thread=True, schedule_filename=schedule_file)

    def stop(**_) -> None:
        beat.stop()

    signals.worker_shutdown.connect(stop, weak=False)
    beat.start()
