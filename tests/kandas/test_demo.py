"""Demo data: staffed regions, valid IINs, state records the gateway answers from; idempotent; demo password
refused when DEBUG is off."""
import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from kandas.auth import DEMO_PASSWORD
from kandas.demo import DEMO_REGIONS, REGION_ROLES, demo_load
from kandas.gateway import state_gateway
from kandas.iin import iin_parse
from kandas.models import Consent, Family, Person, StateRecord

pytestmark = pytest.mark.django_db


def _counts():
    return (User.objects.count(), Person.objects.count(), Family.objects.count(), StateRecord.objects.count(),
            Consent.objects.count())


def test_demo_load_is_idempotent_and_staffs_every_role(settings):
    settings.DEBUG = True
    demo_load()
    first = _counts()
    demo_load()
    assert _counts() == first
    for code in DEMO_REGIONS:
        for role in REGION_ROLES:
            user = User.objects.get(username=f"{role.value}_{code}")
            assert user.groups.filter(name=role.value).exists()
            assert user.staff.organisation.region.kato == DEMO_REGIONS[code]
    assert 40 <= Person.objects.count() <= 150
    for person in Person.objects.all():
        assert iin_parse(person.iin).birth_date == person.birth_date


def test_gen2_demo_state_records_answer_through_the_gateway():
    """GEN-2: the demo seeds the local registry: identity, civil acts, family map and registration."""
    demo_load()
    kinds = set(StateRecord.objects.values_list("kind", flat=True))
    assert kinds == {"identity", "civil_act", "family", "registration"}
    family_record = StateRecord.objects.filter(kind="family").first()
    gateway = state_gateway()
    assert gateway.person(family_record.iin).surname
    assert gateway.family(family_record.iin).members
    assert any(a["kind"] == "marriage" for a in gateway.civil_acts(family_record.iin))
    registered = StateRecord.objects.filter(kind="registration").first()
    assert gateway.registration(registered.iin).address
    # Some families are deliberately unknown to the family map: the page asks for paper there.
    assert Family.objects.exclude(applicant__iin__in=StateRecord.objects.filter(kind="family")
                                  .values("iin")).exists()


def test_demo_password_works_only_with_debug(settings):
    demo_load()
    settings.DEBUG = True
    assert authenticate(username="mio_specialist_pvl", password=DEMO_PASSWORD) is not None
    settings.DEBUG = False
    assert authenticate(username="mio_specialist_pvl", password=DEMO_PASSWORD) is None


def test_demo_command_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("demo_data")
