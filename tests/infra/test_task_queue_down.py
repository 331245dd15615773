"""Redis down: sending a task from a request fails within seconds and the user gets a message, not a 500
after a minute of retries (the admin's "Run selected tasks" of django-celery-beat, the API)."""
import socket
import time
from contextlib import contextmanager

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django_celery_beat.models import PeriodicTask

from config.celery import app as celery_app
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nobody listens once it is closed


def _forget_connections():
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
        celery_app._pool = None
    celery_app.amqp._producer_pool = None
    vars(celery_app._local).pop("backend", None)


@contextmanager
def _celery_sending_to(url: str):
    """The web process's Celery app as with REDIS_URL=url (not eager), restored afterwards."""
    conf = celery_app.conf
    saved = conf.broker_url, conf.result_backend, conf.task_always_eager
    conf.broker_url, conf.result_backend, conf.task_always_eager = url, url, False
    _forget_connections()
    try:
        yield
    finally:
        conf.broker_url, conf.result_backend, conf.task_always_eager = saved
        _forget_connections()


@pytest.fixture
def redis_down():
    with _celery_sending_to(f"redis://127.0.0.1:{_closed_port()}/0"):
        yield


def test_admin_run_now_with_redis_down_shows_an_error_within_seconds(redis_down):
    admin = Client(HTTP_ACCEPT_LANGUAGE="en")
    admin.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    sweep = PeriodicTask.objects.get(task="kandas.tasks.deadlines_sweep_task")  # created after migrate
    changelist = "/admin/django_celery_beat/periodictask/"

    started = time.monotonic()
    response = admin.post(changelist, {"action": "run_tasks", "_selected_action": [sweep.pk]})
    elapsed = time.monotonic() - started

    assert response.status_code == 302 and response["Location"] == changelist
    assert elapsed < 10, f"took {elapsed:.1f} s"
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("task queue (Redis) is unreachable" in t for t in texts), texts
    page = admin.get(changelist)
    assert page.status_code == 200


def test_admin_run_now_in_russian(redis_down):
    admin = Client(HTTP_ACCEPT_LANGUAGE="ru")
    admin.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    sweep = PeriodicTask.objects.get(task="kandas.tasks.deadlines_sweep_task")

    response = admin.post("/admin/django_celery_beat/periodictask/", {"action": "run_tasks",
                                                                     "_selected_action": [sweep.pk]}, follow=True)

    assert response.status_code == 200
    assert "Очередь задач (Redis) недоступна" in response.content.decode()
