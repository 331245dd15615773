#!/usr/bin/env python
"""Time registry pages against a bare authenticated page in the same run and print the ratios (goal ≤ 3×).

    DATABASE_URL=postgres://…/kandas_bench python bench/bench_registry.py [--repeat 40]

Pages go through Django's full stack in-process (middleware, session, scoping, templates), logged in as
the generator's bench users: a MIO specialist of the region with most persons (regional scope) and a
ministry analyst (national scope: name search over every region). The bare page is the person search
page with no query (same layout, same session and context processors, no registry query).
Not part of the test run.
"""
import argparse
import os
import random
import statistics
import time

from _django import django_setup


def measure(clients, pages, rounds):
    """Interleaved: each round requests every page once, so load from elsewhere hits all pages alike."""
    samples = {label: [] for label, _, _ in pages}
    for label, client, urls in pages:
        for url in urls:
            assert clients[client].get(url).status_code == 200, url  # warm-up
    for i in range(rounds):
        for label, client, urls in pages:
            url = urls[i % len(urls)]
            started = time.perf_counter()
            response = clients[client].get(url)
            samples[label].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
    return {label: (statistics.median(s), sorted(s)[max(0, int(len(s) * 0.95) - 1)]) for label, s in samples.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    # Production-like by default (cached templates, no debug toolbar of queries); HTTPS redirect off in-process.
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-" + "x" * 50)
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
    django_setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import setup_test_environment

    from kandas.models import Family, Person

    setup_test_environment()  # the test client needs it (templates rendered signal); settings untouched
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    # No collectstatic needed for a benchmark: plain static URLs instead of the hashed manifest.
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    rng = random.Random(args.seed)
    total = Person.objects.count()
    top = Person.objects.values("region_id").annotate(n=Count("id")).order_by("-n").first()
    region_id = top["region_id"]
    specialist = User.objects.get(username=f"bench_mio_{Person.objects.filter(region_id=region_id).first().region.kato}")
    analyst = User.objects.get(username="bench_ministry")
    ids = list(Person.objects.filter(region_id=region_id).values_list("pk", flat=True)[:5000])
    sample = Person.objects.filter(pk__in=rng.sample(ids, min(5, len(ids))))
    iins = [p.iin for p in sample]
    family_ids = list(Family.objects.filter(region_id=region_id).annotate(n=Count("members"))
                      .filter(n__gte=2).values_list("pk", flat=True)[:200])
    families = rng.sample(family_ids, min(5, len(family_ids)))
    fragments = ["Жұмаб", "zhumab", "Серікбай", "Seitali", "нұрлан", "Asqarov Erlan"]

    clients = {}
    for name, user in (("specialist", specialist), ("analyst", analyst)):
        clients[name] = Client()
        clients[name].force_login(user)

    print(f"{total:,} persons in {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]} "
          f"'{settings.DATABASES['default']['NAME']}'; region {region_id} has {top['n']:,}; "
          f"{args.repeat} interleaved requests per page; median / p95 ms, ratio of medians to the bare page")
    bare_label = "bare authenticated page (/persons/)"
    pages = [
        (bare_label, "specialist", ["/persons/"]),
        ("person search by IIN", "specialist", [f"/persons/?q={iin}" for iin in iins]),
        ("person search by name substring (regional)", "specialist", [f"/persons/?q={f}" for f in fragments]),
        ("person search by name substring (national)", "analyst", [f"/persons/?q={f}" for f in fragments]),
        ("family page", "specialist", [f"/families/{pk}/" for pk in families]),
        ("family search by name", "specialist", [f"/families/?q={f}" for f in fragments]),
    ]
    results = measure(clients, pages, args.repeat)
    bare = results[bare_label]
    rows = list(results.items())
    width = max(len(label) for label, _ in rows)
    for label, (median, p95) in rows:
        ratio = median / bare[0]
        flag = "" if ratio <= 3 else "  > 3×"
        print(f"{label:<{width}}  {median:7.1f}  {p95:7.1f}   {ratio:4.2f}×{flag}")


if __name__ == "__main__":
    main()
