"""Security of the residence services: they scope what the caller passes by id, like the views do."""
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from adaptation.models import ResidenceApplication
from adaptation.services.residence import application_register
from kandas.models import FamilyMember, Kinship
from tests.factories import PersonFactory, RegionFactory

from .factories import make_kandas_family
from .helpers import register
from tests.html import field_error_shown

pytestmark = pytest.mark.django_db


def test_register_refuses_a_member_of_another_region(staff):
    """RES-2: member ids are scoped: a person of another region cannot be settled through the service."""
    applicant, _ = make_kandas_family(staff.region, adults=0)
    # A real family member (so RES-1 kinship is satisfied), registered in another region.
    stranger = PersonFactory(region=RegionFactory(), birth_date=applicant.birth_date)
    FamilyMember.objects.create(family=applicant.families_headed.first(), person=stranger, kinship=Kinship.SPOUSE)
    with pytest.raises(ValidationError):
        application_register(actor=staff.specialist, centre_id=staff.centre.pk, applicant_id=applicant.pk,
                             member_ids=[stranger.pk])
    assert not ResidenceApplication.objects.exists()


def test_talon_for_a_person_not_in_the_application_is_a_message_not_a_500(client, staff):
    """RES-3: a talon posted for a person of another application is refused next to the field (400), not a 500."""
    app = register(staff)
    other = register(staff)
    client.force_login(staff.specialist)
    response = client.post(reverse("adaptation:residence_act", args=[app.pk, "talon_record"]),
                           {"resident": other.persons.first().pk, "number": "T-1", "on": "2026-01-05"})
    assert response.status_code == 400
    assert field_error_shown(response.content.decode(), 'resident')
    assert not other.persons.filter(talon_number="T-1").exists()
