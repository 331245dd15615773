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
    is_settlement_region = True


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.MIO
    region = factory.SubFactory(RegionFactory)
    name_ru = factory.LazyAttribute(lambda o: f"{o.kind} {o.region.name_ru if o.region else ''}")
    name_kk = factory.LazyAttribute(lambda o: f"{o.kind} {o.region.name_kk if o.region else ''}")


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
