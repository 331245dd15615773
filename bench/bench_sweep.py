"""Benchmark: one deadline sweep vs one raw SQL UPDATE over the same 100,000 open, overdue deadlines.

    createdb -h 127.0.0.1 -U postgres kandas_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kandas_bench .venv/bin/python bench/bench_sweep.py [N]

Migrates the database, bulk-creates N (default 100,000) open deadlines due in the past spread over 200
organisations (2 staff each), then in the same run times
  1. a raw `UPDATE kandas_deadline SET state='breached' … WHERE state='open' AND due < today` (rolled back),
  2. `kandas.deadlines.deadline_sweep()` (marks, stamps notified, writes the notifications; committed),
and prints both and the ratio (goal ≤ 5×). Each is measured 3 times, alternating and rolled back (so
both always see the same open rows), after one untimed warm-up; the medians are compared. Also times 10,000 due-date computations and counts the
queries they need (goal: the calendar is read once). The e-mail task the sweep queues on commit is a
separate job and is not timed. Deadlines left by a previous run are deleted first.
"""
import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from kandas import tasks  # noqa: E402
from kandas.deadlines import deadline_compute, deadline_sweep  # noqa: E402
from kandas.models import Deadline, Notification, Organisation, Region, Staff  # noqa: E402
from kandas.rules import Step  # noqa: E402
from kandas.workdays import WorkCalendar  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
ORGS = 200
TODAY = datetime.date(2026, 6, 1)


def prepare() -> None:
    if connection.vendor != "postgresql":
        sys.exit("Run on PostgreSQL: DATABASE_URL=postgres://…/kandas_bench")
    call_command("migrate", verbosity=0)
    Deadline.objects.all().delete()
    Notification.objects.filter(key__startswith="breach:").delete()
    region, _ = Region.objects.get_or_create(kato="990000000", defaults={"name_ru": "Бенчмарк", "name_kk": "Бенчмарк"})
    orgs = list(Organisation.objects.filter(region=region, kind="MIO").order_by("pk"))
    for i in range(len(orgs), ORGS):
        org = Organisation.objects.create(kind="MIO", region=region, name_ru=f"МИО {i}", name_kk=f"ЖАО {i}")
        for j in range(2):
            user = User.objects.create(username=f"bench-{i}-{j}", email=f"bench-{i}-{j}@example.kz")
            Staff.objects.create(user=user, organisation=org, is_head=(j == 0))
        orgs.append(org)
    ct = ContentType.objects.get_for_model(Organisation)
    start = datetime.date(2026, 4, 1)
    rows = (Deadline(case_type=ct, case_id=i, case_ref=f"BENCH-{i:06d}", rule="CAL-1", step="review",
                     organisation=orgs[i % ORGS], region=region, unit="working", length=3, start=start,
                     due=start + datetime.timedelta(days=5 + i % 40), explanation="bench")
            for i in range(N))
    t = time.perf_counter()
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == 5000:
            Deadline.objects.bulk_create(batch)
            batch = []
    Deadline.objects.bulk_create(batch)
    print(f"created {N:,} open deadlines in {time.perf_counter() - t:.1f}s")


def _vacuum() -> None:
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE kandas_deadline")


def time_raw_update() -> float:
    with transaction.atomic():
        t = time.perf_counter()
        with connection.cursor() as cur:
            cur.execute("UPDATE kandas_deadline SET state = 'breached', breached_at = now() "
                        "WHERE state = 'open' AND due < %s", [TODAY])
            updated = cur.rowcount
        elapsed = time.perf_counter() - t
        transaction.set_rollback(True)  # the same rows stay open for the next measurement
    assert updated == N, updated
    return elapsed


def time_sweep() -> tuple[float, dict]:
    tasks.notifications_email.delay = lambda *a, **k: None  # e-mail is its own job, not part of the sweep
    with transaction.atomic():
        t = time.perf_counter()
        result = deadline_sweep(today=TODAY)
        elapsed = time.perf_counter() - t
        transaction.set_rollback(True)
    assert result["breached"] == N, result
    return elapsed, result


def time_due_dates() -> tuple[float, int]:
    steps = [Step("s", "CAL-1", i % 30) for i in range(10_000)]
    with CaptureQueriesContext(connection) as queries:
        t = time.perf_counter()
        calendar = WorkCalendar.load()
        for i, step in enumerate(steps):
            deadline_compute(step, datetime.date(2026, 1, 1) + datetime.timedelta(days=i % 700), calendar)
        elapsed = time.perf_counter() - t
    return elapsed, len(queries)


def main() -> None:
    print(f"database: {settings.DATABASES['default']['NAME']}")
    prepare()
    _vacuum()
    time_raw_update()  # warm the cache; not counted
    raws, sweeps = [], []
    for _ in range(3):  # alternate, each rolled back, so both see the same 100,000 open rows
        _vacuum()
        raws.append(time_raw_update())
        _vacuum()
        elapsed, result = time_sweep()
        sweeps.append(elapsed)
    raw, sweep = sorted(raws)[1], sorted(sweeps)[1]
    print(f"raw SQL UPDATE over {N:,} rows: {raw * 1000:8.0f} ms (median of 3: {', '.join(f'{r*1000:.0f}' for r in raws)})")
    print(f"deadline_sweep over {N:,} rows: {sweep * 1000:8.0f} ms (median of 3: {', '.join(f'{r*1000:.0f}' for r in sweeps)})")
    print(f"  {result}")
    print(f"ratio sweep / raw: {sweep / raw:.2f}x  (goal <= 5x)")
    due_time, queries = time_due_dates()
    print(f"10,000 due dates: {due_time * 1000:.0f} ms, {queries} quer{'y' if queries == 1 else 'ies'} (the calendar, once)")


if __name__ == "__main__":
    main()
