"""GEN-3 / security: analysts (ministry, CRTR) see aggregates, not IINs or full dates of birth."""
import pytest
from django.urls import reverse

from kandas.models import PersonalDataAccess
from kandas.roles import Role
from tests.factories import make_staff

from .helpers import file_application

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.MINISTRY_ANALYST, Role.CRTR_ANALYST])
def test_analyst_may_not_print_a_case_pdf_with_personal_data(client, world, role):
    """GEN-3: the application printout carries IIN and date of birth: 403 for an analyst, nothing logged."""
    application = file_application(world)
    client.force_login(make_staff(role))
    response = client.get(reverse("status:application_pdf", args=[application.pk, "application"]))
    assert response.status_code == 403
    assert not PersonalDataAccess.objects.filter(action=PersonalDataAccess.Action.PRINT).exists()


def test_caseworker_still_prints_and_the_print_is_logged(client, world):
    application = file_application(world)
    client.force_login(world.specialist)
    response = client.get(reverse("status:application_pdf", args=[application.pk, "application"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert PersonalDataAccess.objects.filter(user=world.specialist, action=PersonalDataAccess.Action.PRINT).exists()


def test_analyst_case_page_shows_birth_year_only(client, world):
    """GEN-3: the case page shows an analyst the year of birth, never the full date or the IIN."""
    application = file_application(world)
    applicant = application.applicant
    client.force_login(make_staff(Role.MINISTRY_ANALYST))
    html = client.get(application.get_absolute_url()).content.decode()
    assert applicant.birth_date.strftime("%d.%m.%Y") not in html
    assert applicant.iin not in html
    assert str(applicant.birth_date.year) in html


def test_analyst_cannot_find_an_application_by_iin(client, world):
    """GEN-3: searching the list by IIN would confirm whose IIN it is: analysts find nothing by IIN."""
    application = file_application(world)
    client.force_login(make_staff(Role.MINISTRY_ANALYST))
    html = client.get(reverse("status:application_list"), {"q": application.applicant.iin}).content.decode()
    assert application.ref not in html
    client.force_login(world.specialist)
    html = client.get(reverse("status:application_list"), {"q": application.applicant.iin}).content.decode()
    assert application.ref in html
