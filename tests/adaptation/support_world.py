"""Adaptation-services test data: a staffed region of exit, a staffed region of settlement with a locality and
centres, a third region whose staff have the right roles but the wrong organisation, and a kandas family the
state systems partly know."""
import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from adaptation.models import SupportApplication
from adaptation.services.chain import MemberInput, support_application_register
from kandas.models import Kinship, Locality, Organisation, StateRecord
from kandas.roles import Role
from kandas.services import person_kandas_status_set
from kandas.workdays import WorkCalendar
from tests.factories import OrganisationFactory, PersonFactory, RegionFactory, make_staff, staffed_region
from tests.html import reader_client

KINDS = ("MIO", "KCOM", "GOVCORP", "LMC", "CC", "ACC")


def build_world():
    exit_ = staffed_region(RegionFactory(is_exit_region=True, is_settlement_region=False), kinds=KINDS)
    settle = staffed_region(RegionFactory(is_settlement_region=True), kinds=KINDS)
    other = staffed_region(RegionFactory(is_settlement_region=True), kinds=KINDS)
    settle.tac = OrganisationFactory(kind=Organisation.Kind.TAC, region=settle.region)
    settle.mio_specialist2 = make_staff(Role.MIO_SPECIALIST, organisation=settle.mio)
    locality = Locality.objects.create(region=settle.region, kato=f"{settle.region.kato[:2]}1010000",
                                       name_ru="г. Тестовый", name_kk="Тест қ.")
    return SimpleNamespace(exit=exit_, settle=settle, other=other, locality=locality)


def make_family(region):
    """A kandas with status (spouse known to the state systems with the marriage act; a minor son whose birth
    the registry does not hold; an adult daughter living with them)."""
    today = timezone.localdate()
    applicant = PersonFactory(region=region, surname="Сейтқали", given_name="Ерлан",
                              birth_date=datetime.date(1980, 3, 4))
    person_kandas_status_set(person_id=applicant.pk, since=today - datetime.timedelta(days=40),
                             until=today + datetime.timedelta(days=320))
    spouse = PersonFactory(region=region, surname="Сейтқалиева", given_name="Ғалия", sex="F",
                           birth_date=datetime.date(1982, 5, 6))
    son = PersonFactory(region=region, surname="Сейтқали", given_name="Нұржан",
                        birth_date=datetime.date(today.year - 9, 1, 15))
    daughter = PersonFactory(region=region, surname="Сейтқалиева", given_name="Айгерім", sex="F",
                             birth_date=datetime.date(2003, 2, 1))
    StateRecord.objects.create(iin=spouse.iin, kind="identity", payload={"surname": spouse.surname,
                                                                        "given_name": spouse.given_name,
                                                                        "citizenship": "CN"})
    act = {"kind": "marriage", "number": "4521", "date": "2004-06-12", "spouses": [applicant.iin, spouse.iin]}
    StateRecord.objects.create(iin=applicant.iin, kind="civil_act", payload=act)
    return SimpleNamespace(applicant=applicant, spouse=spouse, son=son, daughter=daughter)


def register(world, family, *, actor=None, **kw) -> SupportApplication:
    members = [MemberInput(family.spouse.iin, Kinship.SPOUSE), MemberInput(family.son.iin, Kinship.SON),
               MemberInput(family.daughter.iin, Kinship.DAUGHTER)]
    kw.setdefault("consent", True)
    return support_application_register(
        actor=actor or world.exit.cc_specialist, applicant_iin=family.applicant.iin,
        settlement_region_id=world.settle.region.pk, locality_kato=world.locality.kato, members=members, **kw)


def client_for(user, language="en"):
    return reader_client(user, language)


def wd(n, start=None):
    """The due date n working days after `start` (today) on the installation's calendar (CAL-1)."""
    return WorkCalendar.load().add_working_days(start or timezone.localdate(), n)


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def family(world):
    return make_family(world.exit.region)
