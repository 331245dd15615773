"""Demo data for `make run` (idempotent): three staffed regions, national bodies, persons and families.

Each slice adds its own demo cases through a `demo.py` with `demo_load(stdout)`; the management
command `demo_data` calls them in order. Demo passwords work only while DEBUG is on.
"""
import datetime
import random

from django.contrib.auth.models import Group, User
from django.db import transaction

from .auth import DEMO_PASSWORD
from .iin import iin_build
from .models import Family, FamilyMember, Kinship, Organisation, Person, Region, Staff, StateRecord
from .reference import regions_ensure
from .roles import Role

# Region code used in user names → KATO.
DEMO_REGIONS = {"pvl": "550000000", "sko": "590000000", "alm": "190000000"}
REGION_ROLES = [Role.MIO_SPECIALIST, Role.MIO_HEAD, Role.COMMISSION_SECRETARY, Role.LMC_SPECIALIST, Role.LMC_HEAD,
                Role.CC_SPECIALIST, Role.CC_DIRECTOR, Role.ACC_STAFF, Role.GOVCORP_OPERATOR]
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


def _user(username, first, last, org, roles, *, is_head=False):
    user, created = User.objects.get_or_create(username=username, defaults={"first_name": first, "last_name": last,
                                                                            "email": f"{username}@demo.kz"})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    Staff.objects.update_or_create(user=user, defaults={"organisation": org, "is_head": is_head})
    user.groups.add(*Group.objects.filter(name__in=[str(r) for r in roles]))
    return user


def _org(kind, region, parent=None, name=None):
    ru, kk = name or ORG_NAMES[kind]
    suffix_ru = f" ({region.name_ru})" if region else ""
    suffix_kk = f" ({region.name_kk})" if region else ""
    org, _ = Organisation.objects.get_or_create(kind=kind, region=region, name_ru=ru + suffix_ru,
                                                defaults={"name_kk": kk + suffix_kk, "parent": parent})
    return org


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
    StateRecord.objects.get_or_create(iin=iin, kind=StateRecord.Kind.IDENTITY, defaults={"payload": {
        "surname": person.surname, "given_name": person.given_name, "birth_date": birth.isoformat(), "sex": sex,
        "citizenship": code}})
    return person


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
        orgs = {kind: _org(kind, region) for kind in ("MIO", "LMC", "ACC", "KCOM", "ECOM", "GOVCORP")}
        orgs["CC"] = _org("CC", region, parent=orgs["LMC"])
        for role in REGION_ROLES:
            kind = {"mio": "MIO", "com": "KCOM", "lmc": "LMC", "cc_": "CC", "acc": "ACC", "gov": "GOVCORP"}[role.value[:3]]
            head = role.value.endswith(("head", "director"))
            users[f"{role.value}_{code}"] = _user(f"{role.value}_{code}", rng.choice(GIVEN_F), rng.choice(SURNAMES),
                                                  orgs[kind], [role], is_head=head)
        if not Family.objects.filter(region=region).exists():
            for _ in range(8):
                applicant = _person(rng, region, datetime.date(rng.randint(1965, 1995), rng.randint(1, 12),
                                                               rng.randint(1, 28)), "M")
                family = Family.objects.create(applicant=applicant, region=region)
                spouse = _person(rng, region, datetime.date(applicant.birth_date.year + 2, 5, 3), "F")
                FamilyMember.objects.create(family=family, person=spouse, kinship=Kinship.SPOUSE)
                for _child in range(rng.randint(0, 3)):
                    sex = rng.choice("MF")
                    child = _person(rng, region, datetime.date(rng.randint(2004, 2022), rng.randint(1, 12), 15), sex,
                                    surname=applicant.surname + ("а" if sex == "F" else ""))
                    FamilyMember.objects.create(family=family, person=child,
                                                kinship=Kinship.SON if sex == "M" else Kinship.DAUGHTER)
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", "admin@demo.kz", DEMO_PASSWORD)
    return users
