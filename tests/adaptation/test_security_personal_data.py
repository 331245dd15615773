"""GEN-3 / security: residence printouts and pages show personal data only to those who may see it."""
import pytest
from django.urls import reverse

from kandas.models import PersonalDataAccess
from kandas.roles import Role
from tests.factories import make_staff

from .helpers import register

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["application", "journal"])
def test_analyst_may_not_print_residence_pdfs(client, staff, name):
    """GEN-3: app.2 and the journal (app.3) carry dates of birth: 403 for an analyst, nothing logged."""
    application = register(staff)
    client.force_login(make_staff(Role.MINISTRY_ANALYST))
    url = (reverse("adaptation:residence_application_pdf", args=[application.pk]) if name == "application"
           else reverse("adaptation:journal_pdf", args=[staff.centre.pk]))
    assert client.get(url).status_code == 403
    assert not PersonalDataAccess.objects.filter(action=PersonalDataAccess.Action.PRINT).exists()


def test_specialist_prints_the_application(client, staff):
    application = register(staff)
    client.force_login(staff.specialist)
    response = client.get(reverse("adaptation:residence_application_pdf", args=[application.pk]))
    assert response.status_code == 200


def test_analyst_sees_birth_year_only_on_case_page_and_journal(client, staff):
    application = register(staff)
    born = application.applicant.birth_date.strftime("%d.%m.%Y")
    client.force_login(make_staff(Role.CRTR_ANALYST))
    assert born not in client.get(application.get_absolute_url()).content.decode()
    assert born not in client.get(reverse("adaptation:journal", args=[staff.centre.pk])).content.decode()
    client.force_login(staff.specialist)
    assert born in client.get(reverse("adaptation:journal", args=[staff.centre.pk])).content.decode()


def test_analyst_cannot_find_an_application_by_iin(client, staff):
    """GEN-3: an analyst searching the residence list by IIN finds nothing; the MIO does."""
    application = register(staff)
    iin = application.applicant.iin
    client.force_login(make_staff(Role.MINISTRY_ANALYST))
    assert application.ref not in client.get(reverse("adaptation:residence_list"), {"q": iin}).content.decode()
    client.force_login(staff.specialist)
    assert application.ref in client.get(reverse("adaptation:residence_list"), {"q": iin}).content.decode()
