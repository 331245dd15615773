#!/usr/bin/env python
"""Fill the database with cases on top of the bench persons: `python bench/generate_cases.py --cases 300000`.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kandas_bench .venv/bin/python manage.py demo_data
    DATABASE_URL=… .venv/bin/python bench/generate.py --persons 1000000
    DATABASE_URL=… .venv/bin/python bench/generate_cases.py --cases 300000 [--apps status,quota,residence]

Consistent by construction: the cases are clones of the demo cases, which the app's own services made
(`manage.py demo_data` walks each service's cases through its states). Each clone copies one template case
with everything the services wrote for it: its state and fields, its deadlines (by step key, with their
holding organisation and assignee), transition log, notices to the applicant and other rows that point at
the case, and its signatures (re-signed over the clone's snapshot with the signer's key). The clone goes to a
random region, with an applicant from that region's bench persons (other persons named in the case are
other persons of the region), the region's organisations and staff of the same kinds and roles (created
from the templates' where a region lacks them, e.g. an adaptation centre per region), a new case number
from the case counter, and all its dates moved back by whole weeks (0–26); the due date and explanation
of every step whose template was computed from its start are computed again from the moved start on the
working-day calendar (kandas.deadlines.deadline_compute). So a clone in "registered" has its open
service-term deadline held by its region's MIO, and the older ones are overdue.

Pluggable per app: every concrete kandas.models.CaseBase model named "…Application" that has demo cases
and no foreign key to another case type is a case type here (status, quota, residence; adaptation services
once its model and demo exist), keyed by the model name without "Application"; `--apps` picks some, `--mix status=5,quota=3` weighs them (default
equal). Rows go in with COPY (explicit ids, sequences moved after). Bench cases are marked by
`created_by` = the user `bench_generator`; `--reset` deletes them and what they own. PostgreSQL only.
Not part of the test run.
"""
import argparse
import collections
import datetime
import functools
import io
import json
import random
import re
import sys
import time
import uuid

from _django import django_setup

GENERATOR_USER = "bench_generator"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=300_000)
    parser.add_argument("--apps", default="", help="comma-separated app keys (default: every case type found)")
    parser.add_argument("--mix", default="", help="weights, e.g. status=5,quota=3,residence=2")
    parser.add_argument("--batch", type=int, default=5_000, help="cases per COPY transaction")
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--max-weeks", type=int, default=26, help="dates move back 0…N whole weeks")
    parser.add_argument("--reset", action="store_true", help="delete earlier bench cases first")
    parser.add_argument("--finish-only", action="store_true",
                        help="only move counters, journals, plans and sequences past the generated rows")
    return parser.parse_args()


# Rows that point at a case but are not copied: finite resources (beds) and rows tied to other copied rows.
CHILD_SKIP = {"adaptation.bed", "adaptation.terminationproposal"}


def case_types():
    """{key: model} for every concrete case model that stands on its own (no FK to another case type)."""
    from django.apps import apps

    from kandas.models import CaseBase

    found = {}
    for model in apps.get_models():
        if not issubclass(model, CaseBase) or model._meta.abstract:
            continue
        if any(f.is_relation and f.many_to_one and f.related_model is not model
               and issubclass(f.related_model, CaseBase) for f in model._meta.concrete_fields):
            continue  # e.g. a status extension belongs to an application: not a case of its own here
        name = model._meta.model_name
        if not name.endswith("application"):
            continue  # a yearly list or plan (quota's locality lists) is one per region, not a filing
        found[name.removesuffix("application") or model._meta.app_label] = model
    return found


def children_of(model):
    """Models with a foreign key to `model` that are copied with each clone (notices, members, events…)."""
    from kandas.models import CaseBase

    out = []
    for rel in model._meta.related_objects:
        child = rel.related_model
        if not (rel.one_to_many or rel.one_to_one) or issubclass(child, CaseBase):
            continue
        if child._meta.label_lower in CHILD_SKIP or child.__name__.startswith("Historical"):
            continue
        out.append((child, rel.field))
    return out


class Ids:
    """Explicit ids per table (COPY has no RETURNING); sequences are moved past them at the end."""

    def __init__(self, cursor):
        self.cursor, self.next = cursor, {}

    def take(self, model) -> int:
        table = model._meta.db_table
        if table not in self.next:
            self.cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')
            self.next[table] = self.cursor.fetchone()[0] + 1
        value = self.next[table]
        self.next[table] += 1
        return value

    def finish(self):
        """Counters, journals, plans and sequences past the generated rows, read back from the database (so
        `--finish-only` repairs a run that stopped before this step)."""
        finish(self.types, self.generator_user)


def finish(types, generator_user):
    from django.db import connection
    from django.db.models import F, Max, Sum
    from django.db.models.functions import Greatest

    from kandas.models import CaseCounter, Consent, Deadline, Signature, TransitionLog

    tables = {Consent, Deadline, Signature, TransitionLog}
    for model in types.values():
        tables.add(model)
        tables.update(child for child, _ in children_of(model))
        for row in (model.objects.filter(created_by_id=generator_user).values("filed_on__year")
                    .annotate(last=Max("ref")).order_by()):
            prefix, year, number = row["last"].rsplit("-", 2)
            CaseCounter.objects.update_or_create(prefix=prefix, year=int(year), defaults={"last": int(number)})
        if any(f.attname == "centre_id" for f in model._meta.concrete_fields):
            from adaptation.models import Centre

            for row in model.objects.values("centre_id").annotate(j=Max("journal_no"), r=Max("referral_no")).order_by():
                Centre.objects.filter(pk=row["centre_id"]).update(journal_last=row["j"] or 0, referral_last=row["r"] or 0)
        if any(f.attname == "quota_plan_id" for f in model._meta.concrete_fields):
            from quota.models import QuotaPlan

            units = (model.objects.filter(created_by_id=generator_user, quota_plan__isnull=False)
                     .values("quota_plan_id").annotate(n=Sum("quota_units")).order_by())
            for row in units:  # the plan counts the generated cases' units; never exceeded (QUO: admitted ≥ used)
                n = row["n"] or 0
                QuotaPlan.objects.filter(pk=row["quota_plan_id"]).update(
                    used=F("used") + n, admitted=Greatest(F("admitted"), F("used") + n))
    with connection.cursor() as cursor:
        for model in tables:
            table = model._meta.db_table
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                           f'(SELECT GREATEST(COALESCE(MAX(id), 0), 1) FROM "{table}"))')


def reset(types):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from kandas.models import Deadline, Signature, TransitionLog

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT id FROM auth_user WHERE username = %s", [GENERATOR_USER])
        found = cursor.fetchone()
        if not found:
            return
        for model in types.values():
            ct = ContentType.objects.get_for_model(model)
            table = model._meta.db_table
            ids = f'SELECT id FROM "{table}" WHERE created_by_id = {found[0]}'
            for m in (Deadline, TransitionLog, Signature):
                cursor.execute(f'DELETE FROM "{m._meta.db_table}" WHERE case_type_id = %s AND case_id IN ({ids})', [ct.pk])
            for child, fk in children_of(model):
                cursor.execute(f'DELETE FROM "{child._meta.db_table}" WHERE "{fk.column}" IN ({ids})')
            consents = []
            if any(f.attname == "consent_id" for f in model._meta.concrete_fields):
                cursor.execute(f'SELECT consent_id FROM "{table}" WHERE created_by_id = %s AND consent_id IS NOT NULL',
                               [found[0]])
                consents = [r[0] for r in cursor.fetchall()]
            cursor.execute(f'DELETE FROM "{table}" WHERE created_by_id = %s', [found[0]])
            if consents:
                cursor.execute("DELETE FROM kandas_consent WHERE id = ANY(%s)", [consents])
    print("Earlier bench cases deleted.")


def main():
    args = parse_args()
    django_setup()
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        sys.exit("PostgreSQL only (COPY): DATABASE_URL=postgres://…/kandas_bench")
    types = case_types()
    if args.apps:
        wanted = [a.strip() for a in args.apps.split(",") if a.strip()]
        unknown = [a for a in wanted if a not in types]
        if unknown:
            sys.exit(f"Unknown case types {unknown}; found: {sorted(types)}")
        types = {k: types[k] for k in wanted}
    if args.reset:
        reset(types)
    if args.finish_only:
        from django.contrib.auth.models import User

        with transaction.atomic():
            finish(types, User.objects.get(username=GENERATOR_USER).pk)
        print("Counters, journals, plans and sequences moved past the generated rows.")
        return
    gen = Generator(args, types)
    usable = {k: t for k, t in gen.templates.items() if t}
    if not usable:
        sys.exit("No template cases: run `manage.py demo_data` first (DEBUG on).")
    weights = {k: 1.0 for k in usable}
    for part in filter(None, args.mix.split(",")):
        k, _, w = part.partition("=")
        if k in weights:
            weights[k] = float(w)
    keys = list(usable)
    print(f"Cloning {args.cases:,} cases from {sum(len(t) for t in usable.values())} templates "
          f"({', '.join(f'{k}: {len(usable[k])} templates, weight {weights[k]:g}' for k in keys)}); "
          f"{sum(len(v) for v in gen.persons.free.values()):,} possible applicants", flush=True)
    order = [m._meta.db_table for m in (gen.Consent, *types.values())]
    started = time.perf_counter()
    made = collections.Counter()
    totals = collections.Counter()
    while sum(made.values()) < args.cases:
        with transaction.atomic():
            batch = min(args.batch, args.cases - sum(made.values()))
            for _ in range(batch):
                key = gen.rng.choices(keys, [weights[k] for k in keys])[0]
                if gen.clone(gen.rng.choice(usable[key])):
                    made[key] += 1
                else:
                    made["skipped (no applicant left)"] += 1
            totals.update(gen.copier.flush(gen.cursor, order))
        rate = sum(made.values()) / (time.perf_counter() - started)
        print(f"  {sum(made.values()):,} cases ({rate:,.0f}/s): {dict(made)}", flush=True)
    with transaction.atomic():
        gen.finish()
    tables = sorted({*totals, *(m._meta.db_table for m in (gen.Deadline, gen.TransitionLog, gen.Signature))})
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'ANALYZE "{table}"')
    print(f"Done in {time.perf_counter() - started:.0f}s: " + ", ".join(f"{t} +{n:,}" for t, n in sorted(totals.items())))


if __name__ == "__main__":
    main()
