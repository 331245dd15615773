"""A staffed designated region (Pavlodar-like), a region of exit and another region, with persons known to the
state systems. Worlds come from tests.factories.staffed_region; helpers live in tests/quota/helpers.py."""
import datetime

import pytest

from kandas.models import Family, FamilyMember, Kinship, Locality, Region, StateRecord
from kandas.roles import Role
from quota.models import QuotaKind, QuotaPlan
from tests.factories import PersonFactory, make_staff, staffed_region

from .helpers import World, settler_make


@pytest.fixture
def world(db):
    """Region A (settlement): MIO, kandas commission (KCOM), employment commission (ECOM), State Corporation,
    LMC. Region B (exit): MIO, LMC and its career centre. Region C: another MIO."""
    a = staffed_region(Region.objects.get(kato="550000000"), kinds=("MIO", "KCOM", "ECOM", "GOVCORP", "LMC"),
                       roles=("specialist", "head", "secretary", "operator"))
    a.mio.name_ru, a.mio.name_kk = "УКЗСП Павлодарской области", "Павлодар облысының ЖҚҮӘББ"
    a.mio.save(update_fields=["name_ru", "name_kk"])
    b = staffed_region(Region.objects.get(kato="610000000"), kinds=("MIO", "LMC", "CC"),
                       roles=("specialist", "cc_specialist"))
    c = staffed_region(Region.objects.get(kato="590000000"), kinds=("MIO",), roles=("specialist", "head"))
    return World(
        region=a.region, exit_region=b.region, mio=a.mio,
        specialist=a.specialist, head=a.head, secretary=a.secretary, operator=a.operator,
        ecom_secretary=make_staff(Role.COMMISSION_SECRETARY, organisation=a.ecom),
        cc_specialist=b.cc_specialist, exit_specialist=b.specialist, exit_mio=b.mio,
        other_specialist=c.specialist, other_head=c.head,
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
    return settler_make(world)


@pytest.fixture
def another_settler(world):
    """A second settler: one person has one open application per kind (issue 14)."""
    return settler_make(world)


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
