"""A worker killed in the middle of the sweep loses nothing: the task is acknowledged only when it has
finished (acks_late), so Redis delivers it again to the next worker, which breaches every overdue deadline
and notifies each user once. Needs PostgreSQL and Redis (CI's second run): the workers are real processes.

The sweep is held mid-run by the lock it takes first (`pg_advisory_xact_lock(SWEEP_LOCK)`, one sweep at a
time): the test holds that lock from its own connection while the first worker is SIGKILLed.
"""
import datetime
import time

import psycopg
import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count

from kandas.deadlines import SWEEP_LOCK
from kandas.models import Deadline, Notification, Person
from kandas.roles import Role
from kandas.tasks import deadlines_sweep_task
from tests.factories import RegionFactory, make_staff

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]
OVERDUE_PER_ORGANISATION = 150


def _conninfo() -> dict:
    db = connection.settings_dict
    return {"dbname": db["NAME"], "user": db["USER"], "password": db.get("PASSWORD") or None,
            "host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432}


def _sweep_waiting_for_its_lock(lock: psycopg.Connection) -> bool:
    return lock.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = %s AND NOT granted",
                        [SWEEP_LOCK]).fetchone()[0] > 0


def _overdue_deadlines(organisation, n):
    ct = ContentType.objects.get_for_model(Person)
    today = datetime.date.today()
    Deadline.objects.bulk_create([
        Deadline(case_type=ct, case_id=i + 1, case_ref=f"TST-{organisation.pk}-{i:06d}", rule="CAL-1", step="check",
                 organisation=organisation, region=organisation.region, unit="working", length=1,
                 start=today - datetime.timedelta(days=40), due=today - datetime.timedelta(days=1 + i % 30),
                 explanation="1 working day")
        for i in range(n)])


def test_sweep_killed_mid_run_is_redelivered_and_completed_once(celery_workers):
    workers = celery_workers
    staff = []
    for _ in range(2):
        specialist = make_staff(Role.MIO_SPECIALIST, region=RegionFactory())
        organisation = specialist.staff.organisation
        staff += [specialist, make_staff(Role.MIO_HEAD, region=organisation.region, organisation=organisation)]
        _overdue_deadlines(organisation, OVERDUE_PER_ORGANISATION)
    overdue = Deadline.objects.filter(state=Deadline.State.OPEN).count()
    assert overdue == 2 * OVERDUE_PER_ORGANISATION

    with psycopg.connect(**_conninfo(), autocommit=True) as lock:
        lock.execute("SELECT pg_advisory_lock(%s)", [SWEEP_LOCK])  # the sweep will wait here, mid-run
        first = workers.start("first")
        result = deadlines_sweep_task.apply_async(queue=workers.queue)
        for _ in range(240):
            if _sweep_waiting_for_its_lock(lock):
                break
            assert first.poll() is None, "the first worker exited"
            time.sleep(0.25)
        else:
            pytest.fail("the first worker never started the sweep")

        first.kill()  # SIGKILL: no warm shutdown, no chance to hand the message back
        first.wait(timeout=30)
        taken_at = time.monotonic()
        lock.execute("SELECT pg_advisory_unlock(%s)", [SWEEP_LOCK])

    assert Deadline.objects.filter(state=Deadline.State.BREACHED).count() == 0  # its transaction died with it
    # Redis hands an unacknowledged message to the next worker once its visibility timeout has passed.
    time.sleep(max(0.0, 3 - (time.monotonic() - taken_at)))
    workers.start("second", CELERY_VISIBILITY_TIMEOUT="2")

    outcome = result.get(timeout=120)

    assert outcome["breached"] == overdue
    assert Deadline.objects.filter(state=Deadline.State.BREACHED).count() == overdue
    assert not Deadline.objects.filter(state=Deadline.State.OPEN).exists()
    per_user = dict(Notification.objects.values_list("user_id").annotate(n=Count("id")))
    assert per_user == {user.pk: 1 for user in staff}  # everyone told once, nobody twice
