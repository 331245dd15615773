"""A staffed designated region (Pavlodar-like) and a region of exit, with persons known to the state systems."""
import datetime
from dataclasses import dataclass

import pytest

from kandas.models import Family, FamilyMember, Kinship, Locality, Organisation, Region, StateRecord
from kandas.roles import Role
from quota.models import QuotaKind, QuotaPlan
from tests.factories import OrganisationFactory, PersonFactory, make_staff

FILED = datetime.date(2026, 3, 16)  # a Monday


@dataclass
class World:
    region: Region
    exit_region: Region
    mio: Organisation
    specialist: object
    head: object
    secretary: object
    operator: object
    cc_specialist: object
    other_specialist: object
    other_head: object


@pytest.fixture
def world(db):
    region = Region.objects.get(kato="550000000")
    exit_region = Region.objects.get(kato="610000000")
    mio = OrganisationFactory(kind="MIO", region=region, name_ru="УКЗСП Павлодарской области",
                              name_kk="Павлодар облысының ЖҚҮӘББ")
    for kind in ("KCOM", "ECOM", "GOVCORP", "LMC"):
        OrganisationFactory(kind=kind, region=region)
    lmc_exit = OrganisationFactory(kind="LMC", region=exit_region)
    cc_exit = OrganisationFactory(kind="CC", region=exit_region, parent=lmc_exit)
    other = Region.objects.get(kato="590000000")
    OrganisationFactory(kind="MIO", region=other)
    return World(
        region=region, exit_region=exit_region, mio=mio,
        specialist=make_staff(Role.MIO_SPECIALIST, organisation=mio),
        head=make_staff(Role.MIO_HEAD, organisation=mio, is_head=True),
        secretary=make_staff(Role.COMMISSION_SECRETARY, region=region),
        operator=make_staff(Role.GOVCORP_OPERATOR, region=region),
        cc_specialist=make_staff(Role.CC_SPECIALIST, organisation=cc_exit),
        other_specialist=make_staff(Role.MIO_SPECIALIST, region=other),
        other_head=make_staff(Role.MIO_HEAD, region=other),
    )


@pytest.fixture
def kandas_family(world):
    """A kandas with status, a spouse and a son; the state systems know their registration."""
    applicant = PersonFactory(region=world.region, surname="Сейтқали", given_name="Ерлан",
                              kandas_status_since=datetime.date(2025, 6, 1),
                              kandas_status_until=datetime.date(2027, 6, 1), address="г. Павлодар, ул. Ломова 5")
    family = Family.objects.create(applicant=applicant, region=world.region)
    spouse = PersonFactory(region=world.region, surname="Сейтқалиева", given_name="Ғалия", sex="F",
                           birth_date=datetime.date(1987, 5, 3))
    son = PersonFactory(region=world.region, surname="Сейтқали", given_name="Нұржан",
                        birth_date=datetime.date(2012, 1, 15))
    FamilyMember.objects.create(family=family, person=spouse, kinship=Kinship.SPOUSE)
    FamilyMember.objects.create(family=family, person=son, kinship=Kinship.SON)
    StateRecord.objects.create(iin=applicant.iin, kind="registration", payload={
        "address": "г. Павлодар, ул. Ломова 5", "kato": "551010000", "registered_since": "2025-07-01",
        "owns_housing_in_locality": False})
    return applicant, spouse, son


@pytest.fixture
def settler(world):
    person = PersonFactory(region=world.exit_region, surname="Жұмабаев", given_name="Асқар", citizenship="KZ",
                           address="Туркестанская обл., с. Шаян")
    StateRecord.objects.create(iin=person.iin, kind="identity", payload={
        "surname": person.surname, "given_name": person.given_name, "citizenship": "KZ"})
    StateRecord.objects.create(iin=person.iin, kind="registration", payload={
        "address": "Туркестанская обл., с. Шаян", "kato": "615630100", "registered_since": "2020-02-01"})
    return person


@pytest.fixture
def plans(world):
    return {
        QuotaKind.KANDAS: QuotaPlan.objects.create(region=world.region, year=2026, kind=QuotaKind.KANDAS, admitted=10),
        QuotaKind.SETTLERS: QuotaPlan.objects.create(region=world.region, year=2026, kind=QuotaKind.SETTLERS,
                                                     admitted=10),
    }


@pytest.fixture
def locality(world):
    return Locality.objects.create(region=world.region, kato="551610000", name_ru="г. Экибастуз",
                                   name_kk="Екібастұз қ.", kind="town")
