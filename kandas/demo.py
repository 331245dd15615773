"""Demo data for `make run` (idempotent): three staffed regions, national bodies, persons and families.

Each slice adds its own demo cases through a `demo.py` with `demo_load(stdout)`; the management
command `demo_data` calls them in order. Demo passwords work only while DEBUG is on.
"""
import datetime
import functools
import random

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.db import transaction

from .auth import DEMO_PASSWORD
from .iin import iin_build
from .models import (Consent, Family, FamilyMember, Kinship, Locality, Organisation, Person, Region, Staff,
                     StateRecord)
from .reference import LOCALITY_NAMES_EN, organisation_name_en, regions_ensure
from .roles import ROLE_ORGANISATION_KIND, Role

# Region code used in user names → KATO.
DEMO_REGIONS = {"pvl": "550000000", "sko": "590000000", "alm": "190000000"}
REGION_ROLES = [Role.MIO_SPECIALIST, Role.MIO_HEAD, Role.COMMISSION_SECRETARY, Role.LMC_SPECIALIST, Role.LMC_HEAD,
                Role.CC_SPECIALIST, Role.CC_DIRECTOR, Role.ACC_STAFF, Role.GOVCORP_OPERATOR, Role.API_CLIENT]
# A few localities of each demo region (KATO, ru, kk, kind, rural).
DEMO_LOCALITIES = {
    "550000000": [("551010000", "г. Павлодар", "Павлодар қ.", "town", False),
                  ("551610000", "г. Экибастуз", "Екібастұз қ.", "town", False),
                  ("554200000", "Щербактинский район", "Шарбақты ауданы", "district", True)],
    "590000000": [("591010000", "г. Петропавловск", "Петропавл қ.", "town", False),
                  ("594400000", "Кызылжарский район", "Қызылжар ауданы", "district", True),
                  ("594430100", "с. Бесколь", "Бескөл а.", "village", True)],
    "190000000": [("191610000", "г. Қонаев", "Қонаев қ.", "town", False),
                  ("196200000", "Талгарский район", "Талғар ауданы", "district", True),
                  ("196220100", "г. Талгар", "Талғар қ.", "town", False)],
}
STREETS = ["ул. Абая", "ул. Сәтпаева", "пр. Назарбаева", "ул. Қабанбай батыра", "ул. Жамбыла"]
ORG_NAMES = {
    "MIO": ("Управление координации занятости и социальных программ", "Жұмыспен қамтуды үйлестіру және әлеуметтік бағдарламалар басқармасы"),
    "LMC": ("Центр трудовой мобильности", "Еңбек ұтқырлығы орталығы"),
    "CC": ("Карьерный центр", "Мансап орталығы"),
    "ACC": ("Центр адаптации и интеграции кандасов", "Қандастарды бейімдеу және кіріктіру орталығы"),
    "KCOM": ("Комиссия по вопросам приема кандасов", "Қандастарды қабылдау жөніндегі комиссия"),
    "ECOM": ("Региональная комиссия по вопросам занятости", "Жұмыспен қамту мәселелері жөніндегі өңірлік комиссия"),
    "GOVCORP": ("Филиал НАО «Государственная корпорация «Правительство для граждан»", "«Азаматтарға арналған үкімет» мемлекеттік корпорациясы» КЕАҚ филиалы"),
}
SURNAMES = ["Сейтқали", "Жұмабаев", "Оразбеков", "Нұрланов", "Әбдірахманов", "Қасымов", "Төлеуов", "Ермеков"]
GIVEN_M = ["Ерлан", "Бауыржан", "Нұржан", "Асқар", "Дәулет", "Ғалым"]
GIVEN_F = ["Айгерім", "Ғалия", "Мөлдір", "Әсел", "Жанар", "Күлпаш"]
COUNTRIES = [("CN", "Китай"), ("UZ", "Узбекистан"), ("MN", "Монголия"), ("TM", "Туркменистан"), ("RU", "Россия")]


@functools.cache
def _demo_password_hash() -> str:
    return make_password(DEMO_PASSWORD)  # hashed once: dozens of users, one slow hash


def _user(username, first, last, org, roles, *, is_head=False):
    user, created = User.objects.get_or_create(username=username, defaults={
        "first_name": first, "last_name": last, "email": f"{username}@demo.kz", "password": _demo_password_hash()})
    Staff.objects.update_or_create(user=user, defaults={"organisation": org, "is_head": is_head})
    user.groups.add(*Group.objects.filter(name__in=[str(r) for r in roles]))
    return user


def _org(kind, region, parent=None, name=None):
    ru, kk = name or ORG_NAMES[kind]
    suffix_ru = f" ({region.name_ru})" if region else ""
    suffix_kk = f" ({region.name_kk})" if region else ""
    org, _ = Organisation.objects.get_or_create(kind=kind, region=region, name_ru=ru + suffix_ru,
                                                defaults={"name_kk": kk + suffix_kk, "parent": parent})
    if not org.name_en and (en := organisation_name_en(kind, region)):
        org.name_en = en
        org.save(update_fields=["name_en"])
    return org


def _state_records(person, rng, region):
    """GEN-2: what the state systems know of a registered person (the gateway answers from these rows)."""
    StateRecord.objects.get_or_create(iin=person.iin, kind=StateRecord.Kind.IDENTITY, defaults={"payload": {
        "surname": person.surname, "given_name": person.given_name, "patronymic": person.patronymic,
        "birth_date": person.birth_date.isoformat(), "sex": person.sex, "citizenship": person.citizenship}})
    if person.birth_date >= datetime.date(2007, 8, 13):  # births registered electronically since 13.08.2007
        StateRecord.objects.get_or_create(iin=person.iin, kind=StateRecord.Kind.CIVIL_ACT, defaults={"payload": {
            "kind": "birth", "number": f"{rng.randint(100, 999)}", "date": person.birth_date.isoformat(),
            "registry": f"ЗАГС {region.name_ru}"}})
    if rng.random() < 0.7:
        locality = region.localities.order_by("?").first()
        StateRecord.objects.get_or_create(iin=person.iin, kind=StateRecord.Kind.REGISTRATION, defaults={"payload": {
            "address": f"{locality.name_ru if locality else region.name_ru}, {rng.choice(STREETS)}, "
                       f"{rng.randint(1, 120)}", "kato": locality.kato if locality else region.kato,
            "registered_since": "2024-03-01", "owns_housing_in_locality": rng.random() < 0.3}})


def _person(rng, region, birth, sex, surname=None, given=None):
    for _ in range(50):
        iin = iin_build(birth, sex, rng.randint(1, 9999))
        if iin and not Person.objects.filter(iin=iin).exists():
            break
    code, country = rng.choice(COUNTRIES)
    person = Person.objects.create(
        iin=iin, surname=surname or rng.choice(SURNAMES) + ("а" if sex == "F" and not surname else ""),
        given_name=given or rng.choice(GIVEN_F if sex == "F" else GIVEN_M), birth_date=birth, sex=sex,
        citizenship=code, country_of_exit=country, region=region, birth_place=country,
    )
    return person


def _family_records(family, members, rng):
    """GEN-2: the Digital family map and the marriage act of the applicant and spouse."""
    StateRecord.objects.get_or_create(iin=family.applicant.iin, kind=StateRecord.Kind.FAMILY, defaults={"payload": {
        "members": [{"iin": m.person.iin, "kinship": m.kinship, "name": m.person.full_name,
                     "birth_date": m.person.birth_date.isoformat()} for m in members]}})
    spouse = next((m.person for m in members if m.kinship == Kinship.SPOUSE), None)
    if spouse:
        act = {"kind": "marriage", "number": f"{rng.randint(1000, 9999)}", "date": "2010-06-12",
               "spouses": [family.applicant.iin, spouse.iin]}
        for iin in (family.applicant.iin, spouse.iin):
            StateRecord.objects.get_or_create(iin=iin, kind=StateRecord.Kind.CIVIL_ACT, payload=act)


def _unregistered_state_persons(rng, region, count=3) -> list[str]:
    """IINs the persons database knows but the registry does not yet: registering them shows the prefill."""
    iins = []
    for n in range(count):
        birth = datetime.date(1975 + n * 7, 3 + n, 10 + n)
        sex = "MF"[n % 2]
        iin = iin_build(birth, sex, 9000 + int(region.kato[:2]) * 3 + n)
        if not iin:
            continue
        StateRecord.objects.get_or_create(iin=iin, kind=StateRecord.Kind.IDENTITY, defaults={"payload": {
            "surname": rng.choice(SURNAMES) + ("а" if sex == "F" else ""),
            "given_name": rng.choice(GIVEN_F if sex == "F" else GIVEN_M), "patronymic": "",
            "birth_date": birth.isoformat(), "sex": sex, "citizenship": "CN"}})
        iins.append(iin)
    return iins


@transaction.atomic
def demo_load(stdout=None) -> dict:
    rng = random.Random(20261121)
    regions_ensure()
    users = {}
    ministry = _org("MINISTRY", None, name=("Министерство труда и социальной защиты населения РК",
                                            "ҚР Еңбек және халықты әлеуметтік қорғау министрлігі"))
    crtr = _org("CRTR", None, name=("АО «Центр развития трудовых ресурсов»", "«Еңбек ресурстарын дамыту орталығы» АҚ"))
    mission = _org("MISSION", None, name=("Генеральное консульство РК в г. Урумчи", "ҚР Үрімжі қаласындағы Бас консулдығы"))
    users["ministry_analyst"] = _user("ministry_analyst", "Мәди", "Ахметов", ministry, [Role.MINISTRY_ANALYST])
    users["crtr_analyst"] = _user("crtr_analyst", "Сәуле", "Бекова", crtr, [Role.CRTR_ANALYST])
    users["mission_officer"] = _user("mission_officer", "Қанат", "Серіков", mission, [Role.MISSION_OFFICER])
    for code, kato in DEMO_REGIONS.items():
        region = Region.objects.get(kato=kato)
        for l_kato, ru, kk, kind, rural in DEMO_LOCALITIES[kato]:
            Locality.objects.get_or_create(kato=l_kato, defaults={"region": region, "name_ru": ru, "name_kk": kk,
                                                                  "name_en": LOCALITY_NAMES_EN.get(l_kato, ""), "kind": kind, "is_rural": rural})
        orgs = {kind: _org(kind, region) for kind in ("MIO", "LMC", "ACC", "KCOM", "ECOM", "GOVCORP")}
        orgs["CC"] = _org("CC", region, parent=orgs["LMC"])
        for role in REGION_ROLES:
            kind = ROLE_ORGANISATION_KIND[role]
            head = role.value.endswith(("head", "director"))
            users[f"{role.value}_{code}"] = _user(f"{role.value}_{code}", rng.choice(GIVEN_F), rng.choice(SURNAMES),
                                                  orgs[kind], [role], is_head=head)
        if not Family.objects.filter(region=region).exists():
            for _ in range(8):
                applicant = _person(rng, region, datetime.date(rng.randint(1965, 1995), rng.randint(1, 12),
                                                               rng.randint(1, 28)), "M")
                family = Family.objects.create(applicant=applicant, region=region)
                spouse = _person(rng, region, datetime.date(applicant.birth_date.year + 2, 5, 3), "F")
                members = [FamilyMember.objects.create(family=family, person=spouse, kinship=Kinship.SPOUSE)]
                for _child in range(rng.randint(0, 3)):
                    sex = rng.choice("MF")
                    child = _person(rng, region, datetime.date(rng.randint(2004, 2022), rng.randint(1, 12), 15), sex,
                                    surname=applicant.surname + ("а" if sex == "F" else ""))
                    members.append(FamilyMember.objects.create(
                        family=family, person=child, kinship=Kinship.SON if sex == "M" else Kinship.DAUGHTER))
                # Every second family is fully known to the state systems; the rest show where paper is needed.
                if len(Family.objects.filter(region=region)) % 2:
                    for person in [applicant] + [m.person for m in members]:
                        _state_records(person, rng, region)
                    _family_records(family, members, rng)
                else:
                    _state_records(applicant, rng, region)
                taker = users[f"{Role.GOVCORP_OPERATOR.value}_{code}"]
                for person in [applicant] + [m.person for m in members]:
                    Consent.objects.create(person=person, taken_by=taker, organisation=taker.staff.organisation,
                                           method=Consent.Method.PAPER,
                                           purpose="регистрация в реестре кандасов (демо)")
        unregistered = _unregistered_state_persons(rng, region)
        if stdout is not None and unregistered:
            stdout.write(f"{region.name_ru}: IINs in the persons database, not yet registered: "
                         f"{', '.join(unregistered)}")
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", "admin@demo.kz", DEMO_PASSWORD)
    return users
