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
                        help="only move counters, journals and sequences past the generated rows (plans: not re-counted)")
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
        for table in self.next:
            self.cursor.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                                f'(SELECT GREATEST(COALESCE(MAX(id), 0), 1) FROM "{table}"))')


class World:
    """Organisations, staff, centres and plans of every region, made from the templates' where missing."""

    def __init__(self, rng):
        from django.contrib.auth.models import User

        from kandas.models import Organisation, Region, Staff

        self.rng = rng
        self.regions = list(Region.objects.order_by("pk"))
        self.org_of = {}  # (template org id, region id) -> org id
        self.user_of = {}  # (template user id, region id) -> user id
        self.centre_of, self.plan_of = {}, {}
        self.orgs = {o.pk: o for o in Organisation.objects.all()}
        self.staff = {s.user_id: s for s in Staff.objects.select_related("user", "organisation")}
        self.by_kind = collections.defaultdict(list)
        for o in sorted(self.orgs.values(), key=lambda o: o.pk):
            self.by_kind[(o.kind, o.region_id)].append(o.pk)
        self.User = User

    def org(self, org_id, region_id):
        if org_id is None:
            return None
        key = (org_id, region_id)
        if key in self.org_of:
            return self.org_of[key]
        from kandas.models import Organisation

        template = self.orgs[org_id]
        if template.region_id in (None, region_id):
            found = org_id  # national bodies (ministry, mission) and the template's own region
        elif self.by_kind.get((template.kind, region_id)):
            found = self.by_kind[(template.kind, region_id)][0]
        else:
            region = next(r for r in self.regions if r.pk == region_id)
            clone = Organisation.objects.create(
                kind=template.kind, region_id=region_id, parent_id=self.org(template.parent_id, region_id),
                name_ru=f"{template.name_ru} ({region.name_ru})"[:255],
                name_kk=f"{template.name_kk} ({region.name_kk})"[:255])
            self.orgs[clone.pk] = clone
            self.by_kind[(clone.kind, region_id)].append(clone.pk)
            found = clone.pk
        self.org_of[key] = found
        return found

    def user(self, user_id, region_id):
        """The template user's counterpart in the region: same roles, the region's organisation of the kind."""
        if user_id is None:
            return None
        key = (user_id, region_id)
        if key in self.user_of:
            return self.user_of[key]
        staff = self.staff.get(user_id)
        if staff is None or staff.organisation.region_id in (None, region_id):
            found = user_id
        else:
            from kandas.models import Staff

            org_id = self.org(staff.organisation_id, region_id)
            kato = next(r.kato for r in self.regions if r.pk == region_id)
            template = staff.user
            user, created = self.User.objects.get_or_create(
                username=f"{template.username}__{kato}"[:150],
                defaults={"first_name": template.first_name, "last_name": template.last_name,
                          "email": f"{template.username}.{kato}@bench.invalid", "password": template.password})
            if created:
                user.groups.set(template.groups.all())
                Staff.objects.create(user=user, organisation_id=org_id, position=staff.position, is_head=staff.is_head)
            self.staff[user.pk] = Staff.objects.select_related("user", "organisation").get(user=user)
            found = user.pk
        self.user_of[key] = found
        return found

    def centre(self, centre_id, region_id):
        if centre_id is None:
            return None
        key = (centre_id, region_id)
        if key not in self.centre_of:
            from adaptation.models import Centre

            template = Centre.objects.get(pk=centre_id)
            org_id = self.org(template.organisation_id, region_id)
            centre = Centre.objects.filter(organisation_id=org_id).first()
            if centre is None:
                fields = {f.attname: getattr(template, f.attname) for f in Centre._meta.concrete_fields
                          if not f.primary_key}
                fields.update(organisation_id=org_id, journal_last=0, referral_last=0)
                centre = Centre.objects.create(**fields)
            self.centre_of[key] = centre.pk
        return self.centre_of[key]

    def plan(self, plan_id, region_id):
        if plan_id is None:
            return None
        key = (plan_id, region_id)
        if key not in self.plan_of:
            from quota.models import QuotaPlan

            template = QuotaPlan.objects.get(pk=plan_id)
            plan = QuotaPlan.objects.filter(region_id=region_id, year=template.year, kind=template.kind).first()
            if plan is None:
                fields = {f.attname: getattr(template, f.attname) for f in QuotaPlan._meta.concrete_fields
                          if not f.primary_key}
                fields.update(region_id=region_id, used=0, admitted=max(template.admitted, 1_000_000),
                              basis=f"bench: {template.basis}"[:255])
                plan = QuotaPlan.objects.create(**fields)
            self.plan_of[key] = plan.pk
        return self.plan_of[key]


class Persons:
    """The bench persons of each region, each an applicant once; other persons named drawn at random."""

    def __init__(self, rng):
        from django.db import connection

        self.rng = rng
        self.free = collections.defaultdict(list)
        self.info = {}
        with connection.cursor() as cursor:
            cursor.execute("SELECT p.id, p.region_id, p.iin, p.surname, p.given_name, p.patronymic FROM kandas_person p "
                           "WHERE p.birth_place = 'bench' AND p.birth_date <= %s AND NOT EXISTS "
                           "(SELECT 1 FROM kandas_familymember m WHERE m.person_id = p.id)",
                           [datetime.date(2006, 1, 1)])  # adults who are not someone's family member
            for pk, region_id, iin, *names in cursor.fetchall():
                self.free[region_id].append(pk)
                self.info[pk] = (iin or "", " ".join(n for n in names if n))
        for ids in self.free.values():
            rng.shuffle(ids)
        self.all = {r: list(ids) for r, ids in self.free.items()}

    def applicant(self, region_id):
        pool = self.free.get(region_id)
        return pool.pop() if pool else None

    def other(self, region_id, avoid):
        pool = self.all[region_id]
        for _ in range(20):
            pk = self.rng.choice(pool)
            if pk not in avoid:
                return pk
        return None


class Copier:
    """Rows per table, written with COPY in one go per batch."""

    def __init__(self):
        self.rows = collections.defaultdict(list)
        self.columns = {}

    def add(self, model, row: dict):
        table = model._meta.db_table
        if table not in self.columns:
            self.columns[table] = [(f.column, f.attname, f) for f in model._meta.concrete_fields]
        self.rows[table].append(row)

    def flush(self, cursor, order):
        from psycopg.types.json import Jsonb
        from django.db import models

        raw = cursor.cursor
        counts = {}
        for table in order + [t for t in self.rows if t not in order]:
            rows = self.rows.get(table)
            if not rows:
                continue
            cols = self.columns[table]
            names = ", ".join(f'"{c}"' for c, _, _ in cols)
            with raw.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row([Jsonb(row[a]) if isinstance(f, models.JSONField) and row[a] is not None
                                    else row[a] for _, a, f in cols])
            counts[table] = len(rows)
        self.rows.clear()
        return counts


def shift_value(value, delta):
    if isinstance(value, datetime.datetime) or isinstance(value, datetime.date):
        return value + delta
    return value


def rewrite(value, subs):
    """Replace the template's number, name and IIN in text and stored-text parameters."""
    if isinstance(value, str):
        for old, new in subs:
            if old and old in value:
                value = value.replace(old, new)
        return value
    if isinstance(value, (dict, list)):
        dumped = json.dumps(value, ensure_ascii=False)
        changed = rewrite(dumped, [(json.dumps(o, ensure_ascii=False)[1:-1], json.dumps(n, ensure_ascii=False)[1:-1])
                                   for o, n in subs])
        return json.loads(changed) if changed != dumped else value
    return value


def shift_iso(value, delta):
    if isinstance(value, str) and ISO_DATE.match(value):
        return (datetime.date.fromisoformat(value) + delta).isoformat()
    if isinstance(value, dict):
        return {k: shift_iso(v, delta) for k, v in value.items()}
    if isinstance(value, list):
        return [shift_iso(v, delta) for v in value]
    return value


class Generator:
    def __init__(self, args, types):
        from django.contrib.contenttypes.models import ContentType
        from django.db import connection

        from kandas.models import Consent, Deadline, Person, Signature, TransitionLog
        from kandas.signing import signer_get
        from kandas.workdays import WorkCalendar

        self.args, self.types = args, types
        self.rng = random.Random(args.seed)
        self.cursor = connection.cursor()
        self.ids = Ids(self.cursor)
        self.world = World(self.rng)
        self.persons = Persons(self.rng)
        self.copier = Copier()
        self.calendar = WorkCalendar.load()
        self.signer = signer_get()
        self.generator_user = self._generator_user()
        self.Deadline, self.TransitionLog, self.Signature, self.Consent = Deadline, TransitionLog, Signature, Consent
        self.Person = Person
        self.cts = {key: ContentType.objects.get_for_model(model) for key, model in types.items()}
        self.templates = {key: self._templates(key, model) for key, model in types.items()}
        self.counters = {}
        self.journal = {}  # centre id -> [journal_last, referral_last]
        self.plan_units = collections.Counter()

    def _generator_user(self):
        from django.contrib.auth.models import User

        user, _ = User.objects.get_or_create(username=GENERATOR_USER, defaults={"is_active": False})
        return user.pk

    def _templates(self, key, model):
        """Each template case as plain rows: the case, its children, deadlines, logs and signatures."""
        ct = self.cts[key]
        templates = []
        for case in model.objects.exclude(created_by_id=self.generator_user).order_by("pk"):
            row = {f.attname: getattr(case, f.attname) for f in model._meta.concrete_fields}
            applicant = getattr(case, "applicant", None)
            children = []
            for child, fk in children_of(model):
                for obj in child.objects.filter(**{fk.name: case}).order_by("pk"):
                    children.append((child, {f.attname: getattr(obj, f.attname) for f in child._meta.concrete_fields}))
            related = []
            for m in (self.Deadline, self.TransitionLog, self.Signature):
                for obj in m.objects.filter(case_type=ct, case_id=case.pk).order_by("pk"):
                    related.append((m, {f.attname: getattr(obj, f.attname) for f in m._meta.concrete_fields}))
            consent = None
            if getattr(case, "consent_id", None):
                c = case.consent
                consent = {f.attname: getattr(c, f.attname) for f in self.Consent._meta.concrete_fields}
            templates.append({"row": row, "children": children, "related": related, "consent": consent,
                              "iin": (applicant.iin or "") if applicant else "",
                              "name": applicant.full_name if applicant else "", "model": model, "key": key,
                              "state": case.state, "case": case})
        return templates

    # --- one clone ---------------------------------------------------------------------------------
    def fk(self, field, value, ctx):
        """A foreign key of a copied row in the clone's world."""
        from kandas.models import CaseBase, Organisation, Person, Region

        if value is None:
            return None
        target = field.related_model
        label = target._meta.label_lower
        if target is Person:
            if value == ctx["template_applicant"]:
                return ctx["applicant"]
            if value not in ctx["people"]:
                ctx["people"][value] = self.persons.other(ctx["region"], set(ctx["people"].values()) | {ctx["applicant"]})
            return ctx["people"][value]
        if target is Organisation:
            return self.world.org(value, ctx["region"])
        if target is Region:
            return ctx["region"] if value == ctx["template_region"] else value
        if target is self.world.User:
            return self.world.user(value, ctx["region"])
        if label == "adaptation.centre":
            return self.world.centre(value, ctx["region"])
        if label == "quota.quotaplan":
            return self.world.plan(value, ctx["region"])
        if label == "kandas.consent":
            return ctx.get("consent")
        if target is ctx["model"]:
            return ctx["case_id"]
        if label == "contenttypes.contenttype":
            return value
        if issubclass(target, CaseBase) or field.null:
            return None  # another case, a document, a family: not copied with the case
        return value

    def copy_row(self, model, row, ctx, **override):
        from django.db import models

        out = {}
        for f in model._meta.concrete_fields:
            value = row[f.attname]
            if f.attname in override:
                out[f.attname] = override[f.attname]
            elif f.primary_key:
                out[f.attname] = self.ids.take(model)
            elif f.is_relation:
                out[f.attname] = self.fk(f, value, ctx)
            elif isinstance(f, (models.DateField, models.DateTimeField)):
                out[f.attname] = shift_value(value, ctx["delta"])
            elif isinstance(f, models.UUIDField):
                out[f.attname] = uuid.uuid4() if f.unique else value
            elif isinstance(f, (models.CharField, models.TextField, models.JSONField)):
                out[f.attname] = rewrite(value, ctx["subs"])
            else:
                out[f.attname] = value
        self.copier.add(model, out)
        return out

    def new_ref(self, prefix, day):
        key = (prefix, day.year)
        if key not in self.counters:
            from kandas.models import CaseCounter

            counter, _ = CaseCounter.objects.get_or_create(prefix=prefix, year=day.year)
            self.counters[key] = counter.last
        self.counters[key] += 1
        return f"{prefix}-{day.year}-{self.counters[key]:06d}"

    @functools.lru_cache(maxsize=None)
    def _computed(self, model, rule_version, step_key, start):
        from kandas.deadlines import _each_language, deadline_compute

        try:
            step = model.RULES.version(rule_version).step(step_key)
        except Exception:  # noqa: BLE001 - a step no longer in the table: keep the moved dates
            return None
        if step.unit == "date":
            return None
        due, _ = deadline_compute(step, start, self.calendar)
        return due, _each_language(lambda: deadline_compute(step, start, self.calendar)[1])

    def deadline(self, row, ctx, case_row):
        from django.conf import settings

        model = ctx["model"]
        new_start = row["start"] + ctx["delta"]
        override = {"case_id": ctx["case_id"], "case_ref": case_row["ref"],
                    "case_url": row["case_url"].replace(f"/{ctx['template_id']}/", f"/{ctx['case_id']}/")}
        before = self._computed(model, ctx["rule_version"], row["step_key"], row["start"])
        if before and before[0] == row["due"]:  # the template's due date is the plain computation: count again
            due, explanations = self._computed(model, ctx["rule_version"], row["step_key"], new_start)
            texts = {code: {**(row["texts"] or {}).get(code, {}), "explanation": explanations[code]}
                     for code in (row["texts"] or {})}
            override.update(due=due, explanation=explanations[settings.LANGUAGE_CODE], texts=texts)
        return self.copy_row(self.Deadline, row, ctx, **override)

    def signature(self, row, ctx):
        from kandas.signing import digest_of

        snapshot = shift_iso(rewrite(row["snapshot"], ctx["subs"]), ctx["delta"])
        digest = digest_of(snapshot)
        signer = self.world.user(row["signer_id"], ctx["region"])
        value, public_key = self._sign(signer, digest)
        return self.copy_row(self.Signature, row, ctx, case_id=ctx["case_id"], snapshot=snapshot, digest=digest,
                             value=value, public_key=public_key)

    def _sign(self, user_id, digest):
        import base64

        from cryptography.hazmat.primitives import serialization

        if not hasattr(self, "_keys"):
            self._keys = {}
        if user_id not in self._keys:
            user = self.world.User.objects.get(pk=user_id)
            key = self.signer._key(user)
            public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                                   serialization.PublicFormat.SubjectPublicKeyInfo).decode()
            self._keys[user_id] = (key, public)
        key, public = self._keys[user_id]
        return base64.b64encode(key.sign(digest.encode())).decode(), public

    def clone(self, template):
        region = self.rng.choice(self.world.regions).pk
        applicant = self.persons.applicant(region)
        if applicant is None:
            return False
        model, row = template["model"], template["row"]
        weeks = min(int(self.rng.expovariate(1 / 5)), self.args.max_weeks)
        delta = datetime.timedelta(days=-7 * weeks)
        case_id = self.ids.take(model)
        filed_on = row["filed_on"] + delta
        ref = self.new_ref(model.REF_PREFIX, filed_on)
        iin, name = self.persons.info[applicant]
        subs = [(row["ref"], ref), (template["iin"], iin), (template["name"], name)]
        ctx = {"model": model, "region": region, "template_region": row["region_id"], "applicant": applicant,
               "template_applicant": row.get("applicant_id"), "people": {}, "delta": delta, "case_id": case_id,
               "template_id": row["id"], "subs": subs, "rule_version": row["rule_version"]}
        if template["consent"]:
            ctx["consent"] = self.copy_row(self.Consent, template["consent"], ctx)["id"]
        override = {"id": case_id, "ref": ref, "created_by_id": self.generator_user}
        if "centre_id" in row:
            centre = self.world.centre(row["centre_id"], region)
            if centre not in self.journal:
                self.journal[centre] = self._journal_start(centre)
            numbers = self.journal[centre]
            numbers[0] += 1
            override["journal_no"] = numbers[0]
            if row.get("referral_no"):
                numbers[1] += 1
                override["referral_no"] = numbers[1]
        case_row = self.copy_row(model, row, ctx, **override)
        if case_row.get("quota_plan_id"):
            self.plan_units[case_row["quota_plan_id"]] += case_row.get("quota_units") or 0
        for child, child_row in template["children"]:
            self.copy_row(child, child_row, ctx)
        for m, related in template["related"]:
            if m is self.Deadline:
                self.deadline(related, ctx, case_row)
            elif m is self.Signature:
                self.signature(related, ctx)
            else:
                self.copy_row(m, related, ctx, case_id=case_id)
        return True

    def _journal_start(self, centre_id):
        from adaptation.models import Centre, ResidenceApplication
        from django.db.models import Max

        centre = Centre.objects.get(pk=centre_id)
        agg = ResidenceApplication.objects.filter(centre_id=centre_id).aggregate(j=Max("journal_no"), r=Max("referral_no"))
        return [max(centre.journal_last, agg["j"] or 0), max(centre.referral_last, agg["r"] or 0)]

    def finish(self):
        """Counters, journals and sequences past the generated rows (read back from the database, so
        `--finish-only` repairs a run that stopped before this step); the plans count this run's units."""
        finish(self.types, self.generator_user, plan_units=self.plan_units)
        self.ids.finish()  # and any other table this run wrote explicit ids into


def finish(types, generator_user, plan_units=None):
    from django.db import connection
    from django.db.models import F, Max
    from django.db.models.functions import Greatest

    from kandas.models import CaseCounter, Consent, Deadline, Signature, TransitionLog

    tables = {Consent, Deadline, Signature, TransitionLog}
    for model in types.values():
        tables.add(model)
        tables.update(child for child, _ in children_of(model))
        for row in (model.objects.filter(created_by_id=generator_user).values("filed_on__year")
                    .annotate(last=Max("ref")).order_by()):
            prefix, year, number = row["last"].rsplit("-", 2)
            counter, _ = CaseCounter.objects.get_or_create(prefix=prefix, year=int(year), defaults={"last": 0})
            CaseCounter.objects.filter(pk=counter.pk).update(last=Greatest(F("last"), int(number)))
        if any(f.attname == "centre_id" for f in model._meta.concrete_fields):
            from adaptation.models import Centre

            for row in model.objects.values("centre_id").annotate(j=Max("journal_no"), r=Max("referral_no")).order_by():
                Centre.objects.filter(pk=row["centre_id"]).update(journal_last=Greatest(F("journal_last"), row["j"] or 0),
                                                                  referral_last=Greatest(F("referral_last"), row["r"] or 0))
    if plan_units:
        from quota.models import QuotaPlan

        for plan, units in plan_units.items():  # the plan is never exceeded (admitted >= used)
            QuotaPlan.objects.filter(pk=plan).update(used=F("used") + units,
                                                     admitted=Greatest(F("admitted"), F("used") + units))
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
        print("Counters, journals and sequences moved past the generated rows (quota plans left as they are).")
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
    # Every table, not only the copied ones: the World adds users, staff and organisations through the ORM, and
    # a planner that believes auth_user has 60 rows picks a nested loop that made My work 12-24x a bare page.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Done in {time.perf_counter() - started:.0f}s: " + ", ".join(f"{t} +{n:,}" for t, n in sorted(totals.items())))


if __name__ == "__main__":
    main()
