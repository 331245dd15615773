"""Shared factories: regions, organisations, staff with roles, persons with valid IINs, families."""
import datetime
import itertools

import factory
import pytest
from django.contrib.auth.models import Group, User

from kandas.iin import iin_build
from kandas.models import Family, FamilyMember, Kinship, Organisation, Person, Region, Staff
from kandas.roles import ROLE_ORGANISATION_KIND, Role

_serials = itertools.count(1)


def valid_iin(birth_date=datetime.date(1985, 4, 12), sex="M") -> str:
    while True:
        iin = iin_build(birth_date, sex, next(_serials))
        if iin and not Person.objects.filter(iin=iin).exists():
            return iin


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("kato",)

    kato = factory.Sequence(lambda n: f"9{n:08d}")
    name_ru = factory.Sequence(lambda n: f"Область {n}")
    name_kk = factory.Sequence(lambda n: f"{n} облысы")
    name_en = factory.Sequence(lambda n: f"Region {n}")
    is_settlement_region = True


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.MIO
    region = factory.SubFactory(RegionFactory)
    name_ru = factory.LazyAttribute(lambda o: f"{o.kind} {o.region.name_ru if o.region else ''}")
    name_kk = factory.LazyAttribute(lambda o: f"{o.kind} {o.region.name_kk if o.region else ''}")
    name_en = factory.LazyAttribute(lambda o: f"{o.kind} {o.region.name_en if o.region else ''}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Айгүл"
    last_name = factory.Sequence(lambda n: f"Сотрудник{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.kz")
    password = factory.django.Password("pass12345")


def make_staff(role: str, *, region=None, organisation=None, username=None, is_head=False) -> User:
    """A user of `role` working in an organisation of the matching kind in `region`."""
    kind = ROLE_ORGANISATION_KIND[Role(role)]
    if organisation is None:
        national = kind in ("MINISTRY", "CRTR", "MISSION")
        region = None if national else (region or RegionFactory())
        organisation = Organisation.objects.filter(kind=kind, region=region).first() or OrganisationFactory(
            kind=kind, region=region)
    user = UserFactory(username=username or f"{role}-{organisation.pk}-{next(_serials)}")
    Staff.objects.update_or_create(user=user, defaults={"organisation": organisation,
                                                       "is_head": is_head or role.endswith(("head", "director"))})
    user.groups.add(Group.objects.get(name=str(role)))
    return user


@pytest.fixture
def staff_user(db):
    """Factory fixture: staff_user(Role.MIO_SPECIALIST, region=r)."""
    return make_staff


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    surname = factory.Iterator(["Сейтқали", "Әбдірахманов", "Нұрланқызы", "Жұмабаев", "Оразбекова"])
    given_name = factory.Iterator(["Ерлан", "Айгерім", "Бауыржан", "Ғалия", "Нұржан"])
    patronymic = ""
    birth_date = datetime.date(1985, 4, 12)
    sex = "M"
    iin = factory.LazyAttribute(lambda p: valid_iin(p.birth_date, p.sex))
    region = factory.SubFactory(RegionFactory)
    citizenship = "CN"
    country_of_exit = "Китай"


class FamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Family

    applicant = factory.SubFactory(PersonFactory)
    region = factory.LazyAttribute(lambda f: f.applicant.region)


def add_member(family: Family, kinship: str = Kinship.SPOUSE, **person_kwargs) -> FamilyMember:
    person = PersonFactory(region=family.region, **person_kwargs)
    return FamilyMember.objects.create(family=family, person=person, kinship=kinship)


# Each role's attribute on a staffed region, and the organisation kind it works in.
STAFFED_ROLES = {
    "specialist": (Role.MIO_SPECIALIST, "MIO"), "head": (Role.MIO_HEAD, "MIO"),
    "secretary": (Role.COMMISSION_SECRETARY, "KCOM"), "operator": (Role.GOVCORP_OPERATOR, "GOVCORP"),
    "api": (Role.API_CLIENT, "GOVCORP"), "lmc_specialist": (Role.LMC_SPECIALIST, "LMC"),
    "lmc_head": (Role.LMC_HEAD, "LMC"), "cc_specialist": (Role.CC_SPECIALIST, "CC"),
    "cc_director": (Role.CC_DIRECTOR, "CC"), "acc_staff": (Role.ACC_STAFF, "ACC"),
}


def staffed_region(region=None, *, kinds=("MIO", "KCOM", "ECOM", "GOVCORP", "LMC", "CC", "ACC"), roles=None,
                   **region_fields):
    """One region with an organisation of each kind in `kinds` and a user for each role of STAFFED_ROLES
    (or of `roles`, a subset of its names) whose organisation kind is there. Returns a namespace:
    `.region`, `.orgs[kind]`, `.mio`, `.kcom`, `.lmc`, `.cc`, … and `.specialist`, `.head`, `.secretary`,
    `.operator`, `.api`, `.lmc_specialist`, `.lmc_head`, `.cc_specialist`, `.cc_director`, `.acc_staff`.

    Every app's tests build their world from it (the CC is a branch of the region's LMC)."""
    from types import SimpleNamespace

    region = region or RegionFactory(**region_fields)
    orgs = {}
    for kind in kinds:
        parent = orgs.get("LMC") if kind == "CC" else None
        orgs[kind] = OrganisationFactory(kind=kind, region=region, **({"parent": parent} if parent else {}))
    world = SimpleNamespace(region=region, orgs=orgs, **{kind.lower(): org for kind, org in orgs.items()})
    for name, (role, kind) in STAFFED_ROLES.items():
        if kind in orgs and (roles is None or name in roles):
            setattr(world, name, make_staff(role, organisation=orgs[kind],
                                            is_head=role in (Role.MIO_HEAD, Role.LMC_HEAD, Role.CC_DIRECTOR)))
    return world
