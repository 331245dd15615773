"""The search box of the case lists (status, quota, residence share kandas.selectors.case_search_filter)."""
import pytest

from kandas.models import Person
from kandas.roles import Role
from status.selectors import application_list
from tests.factories import make_staff
from tests.status.conftest import build_region, file_application

pytestmark = pytest.mark.django_db


def test_applicant_found_by_latin_spelling_number_and_iin_but_analysts_cannot_probe_iins():
    world = build_region()
    application = file_application(world)
    Person.objects.filter(pk=application.applicant_id).update(surname="Жұмабаев", given_name="Ерлан")
    applicant = Person.objects.get(pk=application.applicant_id)
    applicant.save()  # refresh the search key
    def found(user, query):
        return list(application_list(user=user, query=query).values_list("pk", flat=True))
    for query in ("Жұмабаев", "Zhumabaev", "jumabayev", application.ref, applicant.iin[:8]):
        assert found(world.specialist, query) == [application.pk], query
    analyst = make_staff(Role.MINISTRY_ANALYST)
    assert found(analyst, "Zhumabaev") == [application.pk]
    assert found(analyst, applicant.iin) == []
