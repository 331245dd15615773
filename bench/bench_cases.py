#!/usr/bin/env python
"""Time the caseworkers' pages against a bare authenticated page in the same run (goal ≤ 3×), with queries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kandas_bench .venv/bin/python bench/bench_cases.py [--repeat 30]

Run after generate.py and generate_cases.py. Pages go through Django's full stack in-process (middleware,
session, scoping, templates, DRF), logged in as the demo staff of one region (default: the Pavlodar demo
users, whose region holds demo cases and its share of the generated ones): "My work" of the MIO
specialist, head and commission secretary (each tab, overdue filter), every case list (first page, a
state filter, the overdue filter, a search by name, by case number and by IIN), the commission agenda, a
case page of each service (a sample of cases in the region) and the API lists a caseworker reads. The bare
page is the person search page with no query (same layout, session and context processors, no registry
query). Requests are interleaved (each round asks every page once) so load from elsewhere on the shared
machine hits every page alike; the table shows median and p95 ms, the ratio of medians to the bare page
and the number of SQL queries of one request. Not part of the test run.
"""
import argparse
import random
import statistics
import time

from _django import django_setup_for_pages


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per page (median of N)")
    parser.add_argument("--region-suffix", default="pvl", help="the demo users' suffix: pvl, sko, alm")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    django_setup_for_pages()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from adaptation.models import ResidenceApplication
    from kandas.models import Deadline, Person
    from quota.models import QuotaApplication
    from status.models import StatusApplication

    rng = random.Random(args.seed)
    s = args.region_suffix
    users = {role: User.objects.get(username=f"{role}_{s}") for role in
             ("mio_specialist", "mio_head", "commission_secretary")}
    region = users["mio_specialist"].staff.organisation.region
    clients = {}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)

    def sample(model, n=5):
        ids = list(model.objects.filter(region=region).order_by("?").values_list("pk", flat=True)[:n])
        return ids

    sta, quo, res = sample(StatusApplication), sample(QuotaApplication), sample(ResidenceApplication)
    one = StatusApplication.objects.filter(region=region).select_related("applicant").order_by("-pk").first()
    surname = one.applicant.surname[:6]
    ref_part = one.ref
    iin_part = one.applicant.iin[:8]
    counts = {m.__name__: (m.objects.count(), m.objects.filter(region=region).count())
              for m in (StatusApplication, QuotaApplication, ResidenceApplication)}
    held = Deadline.objects.filter(organisation=users["mio_specialist"].staff.organisation, closed_at__isnull=True,
                                   state__in=("open", "breached", "paused")).count()

    bare = "bare authenticated page (/persons/)"
    sp, hd, sec = "mio_specialist", "mio_head", "commission_secretary"
    pages = [
        (bare, sp, ["/persons/"]),
        ("My work: specialist (default tab)", sp, ["/"]),
        ("My work: specialist, unassigned tab", sp, ["/?tab=unassigned"]),
        ("My work: specialist, overdue filter", sp, ["/?tab=unassigned&overdue=1"]),
        ("My work: specialist, rule filter", sp, ["/?tab=unassigned&rule=STA-5"]),
        ("My work: head", hd, ["/"]),
        ("My work: commission secretary", sec, ["/"]),
        ("status list: first page", sp, ["/status/"]),
        ("status list: state filter", sp, ["/status/?state=registered", "/status/?state=assigned"]),
        ("status list: overdue filter", sp, ["/status/?overdue=on"]),
        ("status list: search by name", sp, [f"/status/?q={surname}", "/status/?q=Жұмабай"]),
        ("status list: search by case number", sp, [f"/status/?q={ref_part}"]),
        ("status list: search by IIN prefix", sp, [f"/status/?q={iin_part}"]),
        ("status commission agenda", sec, ["/status/commission/"]),
        ("quota list: first page", sp, ["/quota/"]),
        ("quota list: state + kind filter", sp, ["/quota/?state=registered", "/quota/?kind=kandas"]),
        ("quota list: search by name", sp, [f"/quota/?q={surname}", "/quota/?q=Жұмабай"]),
        ("residence list: first page", sp, ["/adaptation/residence/"]),
        ("residence list: state filter", sp, ["/adaptation/residence/?state=residing"]),
        ("residence list: search by name", sp, [f"/adaptation/residence/?q={surname}"]),
        ("status case page", sp, [f"/status/applications/{pk}/" for pk in sta]),
        ("quota case page", sp, [f"/quota/applications/{pk}/" for pk in quo]),
        ("residence case page", sp, [f"/adaptation/residence/{pk}/" for pk in res]),
        ("API: quota applications (first page)", sp, ["/api/v1/quota/applications/"]),
        ("API: residence applications (first page)", sp, ["/api/v1/adaptation/residence/applications/"]),
    ]

    print(f"{Person.objects.count():,} persons; cases (all / region {region.kato}): "
          + ", ".join(f"{name} {a:,} / {r:,}" for name, (a, r) in counts.items())
          + f"; {held:,} running steps held by the specialist's MIO; "
          f"{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]} '{settings.DATABASES['default']['NAME']}'")
    queries, status_codes = {}, {}
    for label, role, urls in pages:  # warm-up, query count of the first URL
        with CaptureQueriesContext(connection) as captured:
            response = clients[role].get(urls[0])
        queries[label] = len(captured)
        status_codes[label] = response.status_code
        for url in urls[1:]:
            clients[role].get(url)
    samples = {label: [] for label, _, _ in pages}
    for i in range(args.repeat):
        for label, role, urls in pages:
            url = urls[i % len(urls)]
            started = time.perf_counter()
            response = clients[role].get(url)
            samples[label].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
    base = statistics.median(samples[bare])
    width = max(len(label) for label, _, _ in pages)
    print(f"{args.repeat} interleaved requests per page; median / p95 ms; ratio of medians to the bare page; "
          f"SQL queries of one request")
    print(f"{'page':<{width}}  {'median':>7}  {'p95':>7}  {'ratio':>6}  {'queries':>7}")
    for label, _, _ in pages:
        values = sorted(samples[label])
        median, p95 = statistics.median(values), values[max(0, int(len(values) * 0.95) - 1)]
        ratio = median / base
        flag = "" if ratio <= 3 else "  > 3×"
        print(f"{label:<{width}}  {median:7.1f}  {p95:7.1f}  {ratio:5.2f}×  {queries[label]:7d}{flag}")


if __name__ == "__main__":
    main()
