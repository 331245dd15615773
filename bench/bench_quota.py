#!/usr/bin/env python
"""Time the quota API list and the quota commission agenda against a bare authenticated page in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kandas_bench .venv/bin/python bench/bench_quota.py [--repeat 30]

Run after generate.py and generate_cases.py (e.g. `--cases 30000 --apps quota`). The method is
bench_cases.py's: full Django stack in-process, the Pavlodar demo staff, requests interleaved, the median of N
against the bare page (/persons/), with the SQL queries of one request. Not part of the test run.
"""
import argparse
import statistics
import time

from _django import django_setup_for_pages


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--region-suffix", default="pvl")
    args = parser.parse_args()
    django_setup_for_pages()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from quota.models import QuotaApplication

    clients = {}
    for role in ("mio_specialist", "commission_secretary"):
        clients[role] = Client()
        clients[role].force_login(User.objects.get(username=f"{role}_{args.region_suffix}"))
    region = User.objects.get(username=f"mio_specialist_{args.region_suffix}").staff.organisation.region
    bare = "bare authenticated page (/persons/)"
    pages = [
        (bare, "mio_specialist", "/persons/"),
        ("API: quota applications (first page)", "mio_specialist", "/api/v1/quota/applications/"),
        ("API: quota applications (page 20)", "mio_specialist", "/api/v1/quota/applications/?page=20"),
        ("quota list: first page", "mio_specialist", "/quota/"),
        ("quota commission agenda", "commission_secretary", "/quota/commission/"),
    ]
    print(f"quota applications: {QuotaApplication.objects.count():,} "
          f"(region {region.kato}: {QuotaApplication.objects.filter(region=region).count():,}); "
          f"database '{settings.DATABASES['default']['NAME']}'")
    queries = {}
    for label, role, url in pages:
        with CaptureQueriesContext(connection) as captured:
            response = clients[role].get(url)
        assert response.status_code == 200, (url, response.status_code)
        queries[label] = len(captured)
    samples = {label: [] for label, _, _ in pages}
    for _ in range(args.repeat):
        for label, role, url in pages:
            started = time.perf_counter()
            clients[role].get(url)
            samples[label].append((time.perf_counter() - started) * 1000)
    base = statistics.median(samples[bare])
    width = max(len(label) for label, _, _ in pages)
    print(f"{'page':<{width}}  {'median':>7}  {'p95':>7}  {'ratio':>6}  {'queries':>7}")
    for label, _, _ in pages:
        values = sorted(samples[label])
        median, p95 = statistics.median(values), values[max(0, int(len(values) * 0.95) - 1)]
        print(f"{label:<{width}}  {median:7.1f}  {p95:7.1f}  {median / base:5.2f}×  {queries[label]:7d}")


if __name__ == "__main__":
    main()
