"""Security of the registry forms: nothing of another region's records leaks through an error message."""
import pytest
from django.urls import reverse

from kandas.models import Person
from kandas.roles import Role
from tests.factories import PersonFactory, RegionFactory, make_staff

from .test_registry_persons import _person_post

pytestmark = pytest.mark.django_db


def test_duplicate_iin_of_another_region_is_refused_without_a_link_to_that_record(client):
    region = RegionFactory()
    foreign = PersonFactory(region=RegionFactory())
    client.force_login(make_staff(Role.MIO_SPECIALIST, region=region))
    response = client.post(reverse("kandas:person_create"), _person_post(region, iin=foreign.iin))
    assert response.context["form"].has_error("iin", "duplicate")
    html = response.content.decode()
    assert foreign.get_absolute_url() not in html and 'data-testid="duplicate-link"' not in html
    assert Person.objects.count() == 1
