"""Redis down: sending a task from a request fails within seconds and the user gets a message, not a 500
after a minute of retries (the admin's "Run selected tasks" of django-celery-beat, the API)."""
import time

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django_celery_beat.models import PeriodicTask

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


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
