"""The search box of the case lists (status, quota, residence share kandas.selectors.case_search_filter)."""
import pytest

from kandas.models import Person
from kandas.roles import Role
from kandas.selectors import case_search_filter
from status.selectors import application_list
from tests.factories import make_staff
from tests.status.helpers import build_region, file_application

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



def _rename(person_pk, surname, given_name):
    person = Person.objects.get(pk=person_pk)
    person.surname, person.given_name, person.patronymic = surname, given_name, ""
    person.save()  # recomputes the search key


@pytest.mark.parametrize(("name", "query"), [
    (("Қасымов", "Бауыржан"), "Bauyrzhan Kasymov"), (("Қасымов", "Бауыржан"), "Kassymov"),
    (("Қасымов", "Бауыржан"), "Касымов Бауржан"), (("Қасымов", "Бауыржан"), "Baurzhan Qasymov"),
    (("Қасымов", "Бауыржан"), "kasymov B"), (("Төлеуов", "Нұрлан"), "Töleuov"),
    (("Төлеуов", "Нұрлан"), "Tuleuov Nurlan"), (("Төлеуов", "Нұрлан"), "Нурлан Тулеуов"),
])
def test_case_lists_find_the_applicant_by_any_spelling_in_either_order(name, query):
    """kandas.selectors.case_search_filter, the search box of the status, quota and residence lists."""
    world = build_region()
    application, near = file_application(world), file_application(world)
    _rename(application.applicant_id, *name)
    _rename(near.applicant_id, "Қасенов", name[1])  # same given name, another surname: not found
    model = type(application)
    condition = case_search_filter(user=world.specialist, query=query)
    assert list(model.objects.filter(condition).values_list("pk", flat=True)) == [application.pk], query
    assert list(application_list(user=world.specialist, query=query).values_list("pk", flat=True)) == [application.pk]
