#!/usr/bin/env python
"""The monthly report app.3, the plan-item inbox and the family plan page at the scale of issue 11:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kandas_bench .venv/bin/python bench/bench_adaptation.py [--repeat 10]

Run after generate_adaptation.py. (1) The app.3 report of the large CC (region 0) and of the small one
(region 1) for `--month`: the rows as the view streams them (adaptation.services.reports.app3_rows) and the
whole XLSX, against a raw SQL GROUP BY of the same rows (one row per person, 25 pivoted cells) fetched
in the same run — median ms and the ratio; the tracemalloc peak and the RSS growth of each build, large vs
small (flat memory: the peak must not grow with the rows). (2) Pages through Django's full stack in-process as
the large CC's specialist: the inbox (first page, overdue filter, a name search), the family plan page,
against the bare authenticated page (/persons/), interleaved, with the SQL queries of one request.
Not part of the test run.
"""
import argparse
import gc
import os
import resource
import statistics
import time
import tracemalloc

from _django import django_setup_for_pages

RAW = """SELECT i.person_id, p.iin, {cells} FROM adaptation_planitem i
JOIN adaptation_adaptationplan pl ON pl.id = i.plan_id JOIN adaptation_supportapplication a ON a.id = pl.application_id
JOIN kandas_person p ON p.id = i.person_id
WHERE a.settlement_region_id = %s AND i.completed_on BETWEEN %s AND %s GROUP BY i.person_id, p.iin ORDER BY i.person_id"""


def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def timed(fn, repeat):
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return statistics.median(out)


def peak(fn):
    gc.collect()
    before = rss_mb()
    tracemalloc.start()
    fn()
    _cur, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top / 2**20, rss_mb() - before


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--repeat", type=int, default=7)
    p.add_argument("--month", default="2026-10")
    args = p.parse_args()
    django_setup_for_pages()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from adaptation.models import AdaptationPlan, MonitoringRound, PlanItem
    from adaptation.services import reports
    from kandas.models import Organisation

    big = Organisation.objects.get(kind="CC", region__kato="B0000001")
    small = Organisation.objects.get(kind="CC", region__kato="B0000002")
    start, end = reports.month_bounds(args.month)
    cells = ", ".join(f"MAX(i.completed_on) FILTER (WHERE i.service = {n})" for n in range(1, 26))
    print(f"{AdaptationPlan.objects.count():,} plans, {PlanItem.objects.count():,} plan items, "
          f"{MonitoringRound.objects.count():,} monitoring rounds; "
          f"{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]} '{settings.DATABASES['default']['NAME']}'")

    def raw(cc):
        with connection.cursor() as c:
            c.execute(RAW.format(cells=cells), [cc.region_id, start, end])
            return sum(1 for _r in c.fetchall())

    print(f"\napp.3 for {args.month}, median of {args.repeat}; ratio to the raw SQL GROUP BY of the same rows")
    print(f"{'CC':<7} {'persons':>8} {'raw SQL':>8} {'rows':>8} {'ratio':>6} {'xlsx':>8} {'ratio':>6} {'queries':>7} "
          f"{'peak rows':>10} {'peak xlsx':>10} {'RSS +xlsx':>10}")
    for label, cc in (("large", big), ("small", small)):
        n = raw(cc)
        rows = lambda cc=cc: sum(1 for _r in reports.app3_rows(career_centre=cc, period=args.month))  # noqa: E731
        xlsx = lambda cc=cc: reports.app3_xlsx(career_centre=cc, period=args.month)  # noqa: E731
        assert rows() == n
        with CaptureQueriesContext(connection) as q:
            xlsx()
        t_raw, t_rows, t_xlsx = (timed(lambda cc=cc: raw(cc), args.repeat), timed(rows, args.repeat),
                                 timed(xlsx, max(1, args.repeat // 2)))
        (p_rows, _), (p_xlsx, rss_xlsx) = peak(rows), peak(xlsx)
        print(f"{label:<7} {n:8,} {t_raw:8.0f} {t_rows:8.0f} {t_rows / t_raw:5.2f}× {t_xlsx:8.0f} {t_xlsx / t_raw:5.2f}× "
              f"{len(q):7d} {p_rows:8.1f}MB {p_xlsx:8.1f}MB {rss_xlsx:8.1f}MB")

    user = User.objects.get(username="bench_cc_0")
    client = Client()
    client.force_login(user)
    plan = AdaptationPlan.objects.filter(application__settlement_region_id=big.region_id).order_by("-pk").first()
    pages = [("bare authenticated page (/persons/)", "/persons/"), ("inbox: first page", "/adaptation/plan-items/"),
             ("inbox: overdue", "/adaptation/plan-items/?state=overdue"),
             ("inbox: due soon + service", "/adaptation/plan-items/?state=soon&service=3"),
             ("inbox: IIN prefix search", "/adaptation/plan-items/?q=7000000123"),
             ("family plan page", f"/adaptation/support/{plan.application_id}/plan/")]
    queries = {}
    for label, url in pages:
        with CaptureQueriesContext(connection) as q:
            r = client.get(url)
        assert r.status_code == 200, (url, r.status_code)
        queries[label] = len(q)
    samples = {label: [] for label, _ in pages}
    for _ in range(args.repeat * 3):
        for label, url in pages:
            t0 = time.perf_counter()
            client.get(url)
            samples[label].append((time.perf_counter() - t0) * 1000)
    base = statistics.median(samples[pages[0][0]])
    w = max(len(label) for label, _ in pages)
    print(f"\npages as the large CC's specialist, {args.repeat * 3} interleaved requests; median ms, ratio, queries")
    for label, _ in pages:
        m = statistics.median(samples[label])
        print(f"{label:<{w}}  {m:7.1f}  {m / base:5.2f}×  {queries[label]:3d}{'' if m / base <= 3 else '  > 3×'}")
    print(f"max RSS of the run {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
