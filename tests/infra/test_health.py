"""`/health/` tells machines (JSON) whether the database, cache, storage and, with Redis, Redis itself, a
Celery worker and beat work; a part that does not answers 500 and is named."""
import datetime
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.test import Client
from django.utils import timezone
from django_celery_beat.models import CrontabSchedule, PeriodicTask
from health_check.exceptions import ServiceUnavailable

from config.celery import app as celery_app
from config.health import CeleryBeat

pytestmark = pytest.mark.django_db


def _health(accept="*/*"):
    """GET /health/ from a thread of its own, as a gunicorn worker serves it: the view is async and
    Django runs it in an event loop, which it cannot start in a thread that already has one running
    (the browser tests' Playwright leaves one in the test thread)."""
    def get():
        try:
            return Client().get("/health/", HTTP_ACCEPT=accept)
        finally:
            connections.close_all()  # this thread's own; a left-open one would block dropping the test database

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=1) as thread:
        response = thread.submit(get).result()
    return response, time.monotonic() - started


def test_health_without_redis_checks_database_cache_and_storage(settings):
    settings.REDIS_URL = ""  # the zero-setup installation: eager tasks, no worker, no beat

    response, _ = _health()

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body.values()) == {"OK"}
    assert {name.split("(")[0] for name in body} == {"Database", "Cache", "Storage"}


def test_health_page_for_a_browser_is_html(settings):
    settings.REDIS_URL = ""
    response, _ = _health(accept="text/html,application/xhtml+xml,*/*;q=0.8")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")


def test_health_with_redis_down_names_redis_and_the_worker_within_seconds(redis_down):
    response, elapsed = _health()

    assert response.status_code == 500
    body = response.json()
    assert elapsed < 15, f"took {elapsed:.1f} s"
    redis = next(v for k, v in body.items() if k.startswith("Redis"))
    worker = next(v for k, v in body.items() if k.startswith("CeleryWorker"))
    assert redis.startswith("Unavailable") and worker.startswith("Unavailable")
    assert next(v for k, v in body.items() if k.startswith("Database")) == "OK"


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_health_with_a_worker_and_beat_on_time(celery_workers):
    PeriodicTask.objects.update(last_run_at=timezone.now())  # beat has just sent everything
    celery_workers.start("health")
    saved = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = celery_workers.queue  # the queue this installation's worker serves
    try:
        for _ in range(60):  # until the worker is up and answers the ping
            response, _ = _health()
            if response.status_code == 200:
                break
            time.sleep(1)
    finally:
        celery_app.conf.task_default_queue = saved

    assert response.status_code == 200, response.json()
    assert {name.split("(")[0] for name in response.json()} == {"Database", "Cache", "Storage", "Redis",
                                                                 "CeleryWorker", "CeleryBeat"}


def _every(minutes: int) -> CrontabSchedule:
    return CrontabSchedule.objects.create(minute=f"*/{minutes}", hour="*", day_of_week="*", day_of_month="*",
                                          month_of_year="*", timezone="Asia/Almaty")


def test_beat_on_time_is_healthy():
    PeriodicTask.objects.update(last_run_at=timezone.now() - datetime.timedelta(minutes=4))
    CeleryBeat().run()  # raises nothing


def test_beat_that_stopped_sending_is_unavailable_and_names_the_task():
    PeriodicTask.objects.update(last_run_at=timezone.now())
    PeriodicTask.objects.create(name="Often", task="kandas.tasks.notifications_email", crontab=_every(5),
                                last_run_at=timezone.now() - datetime.timedelta(minutes=40))

    with pytest.raises(ServiceUnavailable, match=r"Often \(3\d min late\)"):
        CeleryBeat().run()


def test_beat_ignores_disabled_tasks_and_counts_a_never_sent_task_from_its_creation():
    PeriodicTask.objects.update(last_run_at=timezone.now())
    PeriodicTask.objects.create(name="Switched off", task="kandas.tasks.notifications_email", crontab=_every(5),
                                enabled=False, last_run_at=timezone.now() - datetime.timedelta(days=3))
    PeriodicTask.objects.create(name="New", task="kandas.tasks.notifications_email", crontab=_every(5))
    CeleryBeat().run()  # the new one was created just now: not late yet

    PeriodicTask.objects.filter(name="New").update(date_changed=timezone.now() - datetime.timedelta(hours=1))
    with pytest.raises(ServiceUnavailable, match="New"):
        CeleryBeat().run()
