#!/usr/bin/env python
"""Fill the database with adapted families, their plan items and monitoring rounds (issue 11, Scale):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kandas_bench .venv/bin/python manage.py migrate
    DATABASE_URL=… .venv/bin/python bench/generate_adaptation.py --families 250000 [--items-per-family 12]
        [--rounds-per-family 8] [--regions 17] [--big 50000] [--small 5000] [--month 2026-10]

One template family (an application for adaptation services, its settlement region's LMC and CC, a CC
specialist) is made through the ORM per region; every other row is cloned from the template in bulk SQL
(`INSERT … SELECT … FROM generate_series`, explicit ids, sequences moved after): one person (the applicant)
per family, `--items-per-family` plan items (services 1…N of app.1; service 1 completed in `--month`, a
third of the others completed earlier, the rest open, some overdue) and `--rounds-per-family` monitoring
rounds (quarterly from the inclusion date, held when due in the past). Region 0 gets `--big` families, region 1
`--small` (the two CCs the benchmark compares), the others share the rest. Bench rows are marked by the
reference prefix "ADA-B-"; `--reset` deletes them. PostgreSQL only. Not part of the test run.
"""
import argparse
import datetime
import sys
import time

from _django import django_setup

PREFIX = "ADA-B-"


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--families", type=int, default=250_000)
    p.add_argument("--items-per-family", type=int, default=12)
    p.add_argument("--rounds-per-family", type=int, default=8)
    p.add_argument("--regions", type=int, default=17)
    p.add_argument("--big", type=int, default=50_000, help="families of region 0 (the large CC)")
    p.add_argument("--small", type=int, default=5_000, help="families of region 1 (the small CC)")
    p.add_argument("--month", default="2026-10", help="the month whose report the benchmark builds")
    p.add_argument("--reset", action="store_true")
    return p.parse_args()


def template_regions(n):
    """n staffed settlement regions (LMC, its CC branch, a CC specialist), each with one template application."""
    from adaptation.models import SupportApplication
    from kandas.models import Organisation, Region
    from kandas.roles import Role
    from tests.factories import OrganisationFactory, PersonFactory, RegionFactory, make_staff

    exit_region = Region.objects.filter(kato="B0000000").first() or RegionFactory(kato="B0000000", name_ru="Выезд")
    exit_cc = (Organisation.objects.filter(kind="CC", region=exit_region).first()
               or OrganisationFactory(kind="CC", region=exit_region))
    out = []
    for i in range(n):
        region = Region.objects.filter(kato=f"B{i + 1:07d}").first() or RegionFactory(
            kato=f"B{i + 1:07d}", name_ru=f"Бенч-область {i}", name_kk=f"Бенч облысы {i}", is_settlement_region=True)
        lmc = Organisation.objects.filter(kind="LMC", region=region).first() or OrganisationFactory(kind="LMC", region=region)
        cc = Organisation.objects.filter(kind="CC", region=region).first() or OrganisationFactory(
            kind="CC", region=region, parent=lmc)
        user = _user(cc, f"bench_cc_{i}", Role.CC_SPECIALIST, make_staff)
        app = SupportApplication.objects.filter(ref=f"{PREFIX}T{i}").first()
        if app is None:
            person = PersonFactory(region=exit_region, surname="Бенчев", given_name=f"Шаблон{i}")
            app = SupportApplication.objects.create(
                ref=f"{PREFIX}T{i}", applicant=person, exit_region=exit_region, settlement_region=region,
                exit_cc=exit_cc, region=exit_region, organisation=exit_cc, filed_on=datetime.date(2025, 1, 15),
                taken_by_name="Бенч", created_by=user, state="quota_filed")
        out.append((i, region.pk, cc.pk, user.pk, app.pk))
    return out


def _user(cc, username, role, make_staff):
    from django.contrib.auth.models import User

    return User.objects.filter(username=username).first() or make_staff(role, organisation=cc, username=username)


def clone(cursor, model, template_sql: str, source: str, overrides: dict):
    """INSERT INTO model's table every column of the template row, some replaced by SQL expressions."""
    cols = [f.column for f in model._meta.concrete_fields]
    exprs = [overrides.get(c, f"t.{c}") for c in cols]
    table = model._meta.db_table
    cursor.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {', '.join(exprs)} "
                   f"FROM ({template_sql}) t CROSS JOIN {source}")
    return cursor.rowcount


def main():
    args = parse_args()
    django_setup()
    from django.db import connection, transaction

    from adaptation.models import AdaptationPlan, MonitoringRound, PlanItem, SupportApplication
    from adaptation.plan_catalogue import SERVICES, TERM_TABLE
    from kandas.models import Person
    from kandas.terms import term_in_force

    assert connection.vendor == "postgresql", "PostgreSQL only"
    started = time.perf_counter()
    with connection.cursor() as c:
        if args.reset:
            c.execute("DELETE FROM adaptation_monitoringround WHERE plan_id IN (SELECT p.id FROM adaptation_adaptationplan p "
                      "JOIN adaptation_supportapplication a ON a.id = p.application_id WHERE a.ref LIKE 'ADA-B-%%')")
            c.execute("DELETE FROM adaptation_planitem WHERE plan_id IN (SELECT p.id FROM adaptation_adaptationplan p "
                      "JOIN adaptation_supportapplication a ON a.id = p.application_id WHERE a.ref LIKE 'ADA-B-%%')")
            c.execute("DELETE FROM adaptation_adaptationplan WHERE application_id IN (SELECT id FROM "
                      "adaptation_supportapplication WHERE ref LIKE 'ADA-B-%%' AND ref NOT LIKE 'ADA-B-T%%')")
            c.execute("DELETE FROM adaptation_supportapplication WHERE ref LIKE 'ADA-B-%%' AND ref NOT LIKE 'ADA-B-T%%'")
            c.execute("DELETE FROM kandas_person WHERE iin LIKE '7%%' AND surname = 'Бенчев' AND given_name = 'Семья'")
            print(f"reset in {time.perf_counter() - started:.0f} s", flush=True)
    regions = template_regions(args.regions)
    included = datetime.date(2025, 1, 31)
    rows = {s.number: term_in_force(table=TERM_TABLE, key=s.key, on=included) for s in SERVICES}
    year, month = map(int, args.month.split("-"))
    F, n_items, n_rounds = args.families, min(args.items_per_family, 25), args.rounds_per_family
    with connection.cursor() as c:
        def next_id(model):
            c.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")
            return c.fetchone()[0] + 1

        base = {m: next_id(m) for m in (Person, SupportApplication, AdaptationPlan, PlanItem, MonitoringRound)}
        c.execute("DROP TABLE IF EXISTS bench_region; CREATE TEMP TABLE bench_region (idx int primary key, "
                  "region_id bigint, cc_id bigint, user_id bigint, app_id bigint)")
        c.executemany("INSERT INTO bench_region VALUES (%s, %s, %s, %s, %s)", regions)
        c.execute("DROP TABLE IF EXISTS bench_term; CREATE TEMP TABLE bench_term (service int primary key, row_id bigint, "
                  "length int, unit text)")
        c.executemany("INSERT INTO bench_term VALUES (%s, %s, %s, %s)",
                      [(n, r.pk, r.length, r.unit) for n, r in rows.items()])
        rest = max(1, args.regions - 2)
        c.execute("DROP TABLE IF EXISTS bench_family; CREATE TEMP TABLE bench_family AS SELECT g, CASE "
                  f"WHEN g <= {args.big} THEN 0 WHEN g <= {args.big + args.small} THEN 1 ELSE 2 + g % {rest} END AS idx, "
                  f"DATE '{included}' + (g % 400) AS included FROM generate_series(1, {F}) g")
        c.execute("ALTER TABLE bench_family ADD PRIMARY KEY (g); ANALYZE bench_family")
        tmpl = "SELECT * FROM {table} WHERE id = {pk}"
        steps = [
            ("persons", Person, tmpl.format(table="kandas_person", pk=f"(SELECT applicant_id FROM adaptation_supportapplication WHERE id = {regions[0][4]})"),
             "bench_family f", {"id": f"{base[Person]} + f.g", "iin": "'7' || lpad(f.g::text, 11, '0')",
                                "given_name": "'Семья'", "surname": "'Бенчев'", "search_text": "'бенчев семья ' || f.g",
                                "quota_included_on": "f.included", "created_at": "now()"}),
            ("applications", SupportApplication, "SELECT * FROM adaptation_supportapplication",
             "bench_family f JOIN bench_region r ON r.idx = f.idx",
             {"id": f"{base[SupportApplication]} + f.g", "ref": f"'{PREFIX}' || f.g", "applicant_id": f"{base[Person]} + f.g",
              "settlement_region_id": "r.region_id", "created_at": "now()", "updated_at": "now()"}),
        ]
        for label, model, template_sql, source, overrides in steps:
            t0 = time.perf_counter()
            with transaction.atomic():
                if model is SupportApplication:  # each region's own template application
                    n = _clone_apps(c, model, source, overrides)
                else:
                    n = clone(c, model, template_sql, source, overrides)
            print(f"{label}: {n:,} in {time.perf_counter() - t0:.0f} s", flush=True)
        t0 = time.perf_counter()
        with transaction.atomic():
            c.execute("INSERT INTO adaptation_adaptationplan (id, application_id, included_on, support_until, state, "
                      "agreed_on, approved_on, loaded_on, created_by_id, approved_by_id, created_at) "
                      f"SELECT {base[AdaptationPlan]} + f.g, {base[SupportApplication]} + f.g, f.included, "
                      "f.included + 1826, 'loaded', f.included + 3, f.included + 5, f.included + 6, r.user_id, NULL, now() "
                      "FROM bench_family f JOIN bench_region r ON r.idx = f.idx")
        print(f"plans: {c.rowcount:,} in {time.perf_counter() - t0:.0f} s", flush=True)
        t0 = time.perf_counter()
        done_in_month = f"make_date({year}, {month}, 1 + (f.g % 28))"
        with transaction.atomic():
            c.execute("INSERT INTO adaptation_planitem (id, plan_id, person_id, service, term_row_id, term_length, "
                      "term_unit, due, completed_on, completed_by_id, documents, note) "
                      f"SELECT {base[PlanItem]} + (f.g - 1) * {n_items} + t.service - 1, {base[AdaptationPlan]} + f.g, "
                      f"{base[Person]} + f.g, t.service, t.row_id, t.length, t.unit, f.included + 30 * t.service, "
                      f"CASE WHEN t.service = 1 THEN {done_in_month} WHEN (f.g + t.service) % 3 = 0 "
                      "THEN f.included + 20 * t.service END, NULL, '', '' "
                      f"FROM bench_family f CROSS JOIN bench_term t WHERE t.service <= {n_items}")
        print(f"plan items: {c.rowcount:,} in {time.perf_counter() - t0:.0f} s", flush=True)
        t0 = time.perf_counter()
        with transaction.atomic():
            c.execute("INSERT INTO adaptation_monitoringround (id, plan_id, number, period_start, due, done_on, done_by_id, "
                      "problems, proposals, summary, visit_on, visit_place, residence_checked_on, residence_confirmed, "
                      "residence_answer) "
                      f"SELECT {base[MonitoringRound]} + (f.g - 1) * {n_rounds} + k - 1, {base[AdaptationPlan]} + f.g, k, "
                      "f.included + 91 * (k - 1), f.included + 91 * k, "
                      "CASE WHEN f.included + 91 * k < CURRENT_DATE - 20 THEN f.included + 91 * k END, NULL, '', '', '', "
                      f"NULL, '', NULL, NULL, '{{}}'::jsonb FROM bench_family f CROSS JOIN generate_series(1, {n_rounds}) k")
        print(f"monitoring rounds: {c.rowcount:,} in {time.perf_counter() - t0:.0f} s", flush=True)
        for model in (Person, SupportApplication, AdaptationPlan, PlanItem, MonitoringRound):
            t = model._meta.db_table
            c.execute(f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT MAX(id) FROM {t}))")
        t0 = time.perf_counter()
        c.execute("ANALYZE kandas_person, adaptation_supportapplication, adaptation_adaptationplan, "
                  "adaptation_planitem, adaptation_monitoringround")
        print(f"analyze in {time.perf_counter() - t0:.0f} s", flush=True)
    print(f"done: {F:,} families in {time.perf_counter() - started:.0f} s")


def _clone_apps(c, model, source, overrides):
    cols = [f.column for f in model._meta.concrete_fields]
    exprs = [overrides.get(col, f"t.{col}") for col in cols]
    c.execute(f"INSERT INTO {model._meta.db_table} ({', '.join(cols)}) SELECT {', '.join(exprs)} FROM {source} "
              f"JOIN {model._meta.db_table} t ON t.id = r.app_id")
    return c.rowcount


if __name__ == "__main__":
    sys.exit(main())
