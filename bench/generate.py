#!/usr/bin/env python
"""Fill the configured database with a realistic registry: `python bench/generate.py --persons 1000000`.

Persons get valid IINs (checksum, birth date, century/sex digit), Kazakh names from a few thousand
combinations, the Latin search key the app stores, a region; most live in families (applicant + 1–4
members with a kinship degree). On PostgreSQL rows go in with COPY (about a minute per million on a
small machine); elsewhere with bulk_create. Bench rows have birth_place "bench"; `--reset` deletes them.
A staff user per role kind (`bench_mio_<kato>`, `bench_ministry`) is created for bench_registry.py.
Run `manage.py migrate` first. Not part of the test run.
"""
import argparse
import datetime
import io
import random
import sys
import time

from _django import django_setup

SURNAME_ROOTS = [
    "Жұма", "Серік", "Нұрлан", "Асқар", "Ерлан", "Бауыржан", "Дәулет", "Ғалым", "Қасым", "Төлеу", "Сейіт",
    "Әбдірахман", "Мұхамед", "Ахмет", "Бекет", "Қайрат", "Мәди", "Сұлтан", "Тұрсын", "Оспан", "Ілияс", "Шәкен",
    "Жақсылық", "Көшер", "Нұрғали", "Есен", "Байұзақ", "Құдайберген", "Ертай", "Мейір", "Рахым", "Сәрсен", "Талғат",
    "Үсен", "Хамит", "Шынгыс", "Ысқақ", "Әлі", "Өмір", "Бақыт", "Данияр", "Жанат", "Кенже", "Марат", "Нұртас",
    "Ораз", "Пернебек", "Рүстем", "Сағат",
]
SURNAME_SUFFIXES = ["ов", "ев", "бай", "бек", "ұлы", "қызы", "баев", "беков", "али", "ин"]
GIVEN_M = ["Ерлан", "Бауыржан", "Нұржан", "Асқар", "Дәулет", "Ғалым", "Қанат", "Мирас", "Әлихан", "Ернар", "Темірлан",
           "Нұрсұлтан", "Жандос", "Арман", "Ілияс", "Өркен", "Бекзат", "Дархан", "Ерасыл", "Санжар"]
GIVEN_F = ["Айгерім", "Ғалия", "Мөлдір", "Әсел", "Жанар", "Күлпаш", "Ақерке", "Аружан", "Динара", "Жұлдыз",
           "Іңкәр", "Назерке", "Өмірзая", "Салтанат", "Толқын", "Ұлжан", "Шолпан", "Әйгерім", "Балнұр", "Гүлнәр"]
COUNTRIES = [("CN", "Китай"), ("UZ", "Узбекистан"), ("MN", "Монголия"), ("TM", "Туркменистан"), ("RU", "Россия"),
             ("KG", "Кыргызстан"), ("IR", "Иран"), ("TR", "Турция")]
KINSHIPS_CHILD = ["son", "daughter"]
BENCH_PLACE = "bench"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261121)
    parser.add_argument("--batch", type=int, default=50_000)
    parser.add_argument("--reset", action="store_true", help="delete earlier bench rows first")
    return parser.parse_args()


def _copy_value(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def bench_people(n: int, regions: list, seed: int, taken=()):
    """Yield (group, persons): a group is a single person or an applicant followed by members.
    `taken`: IINs already in the database (demo data), never generated again."""
    from kandas.iin import iin_build
    from kandas.translit import name_latin, person_search_text

    rng = random.Random(seed)
    base = datetime.date(1950, 1, 1)
    span = (datetime.date(2024, 12, 31) - base).days
    used = set(taken)
    made = 0

    def person(region_id, birth, sex, surname):
        nonlocal made
        serial = rng.randint(0, 9999)
        while True:
            iin = iin_build(birth, sex, serial)
            if iin and iin not in used:
                break
            serial = (serial + 1) % 10000
        used.add(iin)
        made += 1
        given = rng.choice(GIVEN_F if sex == "F" else GIVEN_M)
        full = f"{surname} {given}"
        code, country = rng.choice(COUNTRIES)
        return {"iin": iin, "surname": surname, "given_name": given, "patronymic": "", "name_latin": name_latin(full),
                "search_text": person_search_text(full), "birth_date": birth, "birth_place": BENCH_PLACE, "sex": sex,
                "citizenship": code, "nationality": "казах", "country_of_exit": country, "address": "", "phone": "",
                "email": "", "region_id": region_id}

    while made < n:
        region_id = rng.choice(regions)
        root, suffix = rng.choice(SURNAME_ROOTS), rng.choice(SURNAME_SUFFIXES)
        surname = root + suffix
        size = min(n - made, rng.choice([1, 1, 1, 2, 3, 3, 4, 4, 5]))
        applicant_birth = datetime.date(rng.randint(1955, 1995), rng.randint(1, 12), rng.randint(1, 28))
        if size == 1:
            birth = base + datetime.timedelta(days=rng.randint(0, span))
            yield [(person(region_id, birth, rng.choice("MF"), surname), None)]
            continue
        group = [(person(region_id, applicant_birth, "M", surname), None)]
        spouse_birth = applicant_birth.replace(year=applicant_birth.year + rng.randint(0, 4))
        group.append((person(region_id, spouse_birth, "F", surname + "а"), "spouse"))
        for _ in range(size - 2):
            sex = rng.choice("MF")
            child_birth = datetime.date(min(applicant_birth.year + rng.randint(20, 35), 2024), rng.randint(1, 12),
                                        rng.randint(1, 28))
            group.append((person(region_id, child_birth, sex, surname + ("а" if sex == "F" else "")),
                          "son" if sex == "M" else "daughter"))
        yield group


PERSON_COLUMNS = ["iin", "surname", "given_name", "patronymic", "name_latin", "search_text", "birth_date",
                  "birth_place", "sex", "citizenship", "nationality", "country_of_exit", "address", "phone", "email",
                  "region_id", "created_at"]


def insert_postgres(groups_batch, now):
    """COPY a batch of groups: persons, then their families and members (ids read back in insert order)."""
    from django.db import connection

    persons = [p for group in groups_batch for p, _ in group]
    buf = io.StringIO()
    for p in persons:
        buf.write("\t".join(_copy_value(now if c == "created_at" else p[c]) for c in PERSON_COLUMNS) + "\n")
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY kandas_person ({', '.join(PERSON_COLUMNS)}) FROM STDIN") as copy:
            copy.write(buf.getvalue())
        cursor.execute("SELECT iin, id FROM kandas_person WHERE iin = ANY(%s)", [[p["iin"] for p in persons]])
        ids = dict(cursor.fetchall())
        families = [g for g in groups_batch if len(g) > 1]
        fbuf = io.StringIO()
        for g in families:
            applicant = g[0][0]
            fbuf.write(f"{ids[applicant['iin']]}\t{applicant['region_id']}\t{now}\n")
        with raw.copy("COPY kandas_family (applicant_id, region_id, created_at) FROM STDIN") as copy:
            copy.write(fbuf.getvalue())
        cursor.execute("SELECT applicant_id, id FROM kandas_family WHERE applicant_id = ANY(%s)",
                       [[ids[g[0][0]["iin"]] for g in families]])
        family_ids = dict(cursor.fetchall())
        mbuf = io.StringIO()
        for g in families:
            family_id = family_ids[ids[g[0][0]["iin"]]]
            for p, kinship in g[1:]:
                mbuf.write(f"{family_id}\t{ids[p['iin']]}\t{kinship}\tf\tt\n")
        with raw.copy("COPY kandas_familymember (family_id, person_id, kinship, is_married, lives_with_applicant) "
                      "FROM STDIN") as copy:
            copy.write(mbuf.getvalue())
    return len(persons), len(families)


def insert_orm(groups_batch, now):
    from kandas.models import Family, FamilyMember, Person

    persons = Person.objects.bulk_create([Person(**p) for group in groups_batch for p, _ in group])
    by_iin = {p.iin: p for p in persons}
    families = [g for g in groups_batch if len(g) > 1]
    family_rows = Family.objects.bulk_create([Family(applicant=by_iin[g[0][0]["iin"]], region_id=g[0][0]["region_id"])
                                              for g in families])
    FamilyMember.objects.bulk_create([
        FamilyMember(family=f, person=by_iin[p["iin"]], kinship=k) for f, g in zip(family_rows, families)
        for p, k in g[1:]])
    return len(persons), len(families)


def bench_staff():
    """One MIO specialist per region and a ministry analyst; logged in by bench_registry.py (no password)."""
    from django.contrib.auth.models import Group, User

    from kandas.models import Organisation, Region, Staff

    def staff(username, org, role):
        user, _ = User.objects.get_or_create(username=username)
        user.set_unusable_password()
        user.save()
        Staff.objects.update_or_create(user=user, defaults={"organisation": org})
        user.groups.add(Group.objects.get(name=role))

    for region in Region.objects.all():
        # The region's own MIO when there is one (demo data): a second MIO would take its steps' holders.
        org = Organisation.objects.filter(kind="MIO", region=region).order_by("pk").first()
        if org is None:
            org = Organisation.objects.create(kind="MIO", region=region, name_ru=f"MIO bench {region.kato}",
                                              name_kk=f"MIO bench {region.kato}")
        staff(f"bench_mio_{region.kato}", org, "mio_specialist")
    ministry, _ = Organisation.objects.get_or_create(kind="MINISTRY", region=None, name_ru="Ministry bench",
                                                     defaults={"name_kk": "Ministry bench"})
    staff("bench_ministry", ministry, "ministry_analyst")


def main():
    args = parse_args()
    django_setup()
    from django.conf import settings
    from django.db import connection, transaction
    from django.utils import timezone

    from kandas.models import Family, FamilyMember, Person, Region
    from kandas.reference import regions_ensure
    from kandas.roles import roles_sync

    roles_sync()
    regions_ensure()
    bench_staff()
    if args.reset:
        with transaction.atomic():
            FamilyMember.objects.filter(family__applicant__birth_place=BENCH_PLACE).delete()
            Family.objects.filter(applicant__birth_place=BENCH_PLACE).delete()
            Person.objects.filter(birth_place=BENCH_PLACE).delete()
    elif Person.objects.filter(birth_place=BENCH_PLACE).exists():
        sys.exit("Bench rows exist already: add --reset to replace them.")
    postgres = connection.vendor == "postgresql"
    insert = insert_postgres if postgres else insert_orm
    regions = list(Region.objects.values_list("pk", flat=True))
    now = timezone.now().isoformat()
    print(f"Generating {args.persons:,} persons into {settings.DATABASES['default']['NAME']} "
          f"({'COPY' if postgres else 'bulk_create'})", flush=True)
    started = time.perf_counter()
    total_persons = total_families = 0
    batch, batch_size = [], 0
    taken = set(Person.objects.exclude(birth_place=BENCH_PLACE).exclude(iin="").values_list("iin", flat=True))
    for group in bench_people(args.persons, regions, args.seed, taken):
        batch.append(group)
        batch_size += len(group)
        if batch_size >= args.batch:
            with transaction.atomic():
                p, f = insert(batch, now)
            total_persons, total_families = total_persons + p, total_families + f
            batch, batch_size = [], 0
            rate = total_persons / (time.perf_counter() - started)
            print(f"  {total_persons:,} persons, {total_families:,} families ({rate:,.0f} persons/s)", flush=True)
    if batch:
        with transaction.atomic():
            p, f = insert(batch, now)
        total_persons, total_families = total_persons + p, total_families + f
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE kandas_person; ANALYZE kandas_family; ANALYZE kandas_familymember;")
    print(f"Done: {total_persons:,} persons, {total_families:,} families in {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
