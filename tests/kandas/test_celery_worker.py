"""The sweep through a REAL Celery worker on the real Redis (CI sets REDIS_URL and DATABASE_URL).

The worker is a separate process (`celery -A config worker`) on the test database, listening on a
private queue so other workers on the same Redis never take these tasks.
"""
import datetime
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from kandas.calendar_seed import calendar_seed
from kandas.deadlines import deadline_open
from kandas.models import Deadline, Notification
from kandas.roles import Role
from kandas.tasks import deadlines_sweep_task
from tests.example_case.models import ExampleCase
from tests.factories import RegionFactory, make_staff

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker_queue(tmp_path):
    redis_url = settings.REDIS_URL
    if not redis_url:
        pytest.skip("needs REDIS_URL (CI sets it)")
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a shared database: run with DATABASE_URL=postgres://…")
    queue = f"kandas-test-{uuid.uuid4().hex[:10]}"
    env = {**os.environ, "DATABASE_URL": _database_url(), "REDIS_URL": redis_url, "CELERY_QUEUE": queue,
           "DJANGO_SETTINGS_MODULE": "tests.settings", "CELERY_TASK_ALWAYS_EAGER": "0",
           "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    log = tmp_path / "worker.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", queue, "-P", "solo",
             "--without-heartbeat", "--without-gossip", "--without-mingle", "-l", "info", "-n", f"{queue}@%h"],
            env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield queue
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        print(log.read_text()[-3000:])


def test_sweep_runs_in_a_real_worker_on_redis_and_notifies_once(worker_queue):
    """The beat task, sent through Redis to a real worker: breaches marked, staff notified and
    e-mailed (the worker's on-commit e-mail task too), a second run notifies nobody twice."""
    calendar_seed([2026])
    region = RegionFactory()
    specialist = make_staff(Role.MIO_SPECIALIST, region=region)
    org = specialist.staff.organisation
    head = make_staff(Role.MIO_HEAD, region=region, organisation=org)
    case = ExampleCase.objects.create(region=region, organisation=org, filed_on=datetime.date(2026, 3, 2))
    deadline = deadline_open(case=case, step="review", organisation=org, start=datetime.date(2026, 4, 1))

    result = deadlines_sweep_task.apply_async(queue=worker_queue).get(timeout=120)

    assert result["breached"] >= 1
    assert Deadline.objects.get(pk=deadline.pk).state == Deadline.State.BREACHED
    assert set(Notification.objects.values_list("user_id", flat=True)) == {specialist.pk, head.pk}
    for _ in range(120):  # the e-mail task was queued on commit inside the worker
        if not Notification.objects.filter(emailed_at__isnull=True).exists():
            break
        time.sleep(0.5)
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()

    again = deadlines_sweep_task.apply_async(queue=worker_queue).get(timeout=60)
    assert again["notifications"] == 0 and Notification.objects.count() == 2
