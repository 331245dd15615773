"""GEN-3 / security: analysts see aggregates; printouts and result documents carry personal data."""
import pytest
from django.urls import reverse

from kandas.models import PersonalDataAccess
from kandas.roles import Role
from tests.factories import make_staff

from .helpers import file_kandas

pytestmark = pytest.mark.django_db


def test_analyst_may_not_print_the_application(client, world, kandas_family, plans):
    """GEN-3: app.1 carries IINs: 403 for a ministry analyst."""
    app = file_kandas(world, kandas_family)
    client.force_login(make_staff(Role.MINISTRY_ANALYST))
    assert client.get(reverse("quota:application_print", args=[app.pk, "app1"])).status_code == 403
    assert not PersonalDataAccess.objects.filter(action="print").exists()


def test_specialist_prints_and_is_logged(client, world, kandas_family, plans):
    app = file_kandas(world, kandas_family)
    client.force_login(world.specialist)
    response = client.get(reverse("quota:application_print", args=[app.pk, "app1"]))
    assert response.status_code == 200
    assert PersonalDataAccess.objects.filter(user=world.specialist, action="print").exists()


def test_analyst_may_not_download_a_result_through_the_api(client, world, kandas_family, plans):
    """GEN-3: the refusal-to-accept receipt names the applicant: an analyst gets 403 from the API."""
    from quota.services import application_check_completeness

    app = file_kandas(world, kandas_family)
    app = application_check_completeness(application_id=app.pk, actor=world.operator, missing=["паспорт"])
    assert app.state == "refused_to_accept"
    client.force_login(make_staff(Role.CRTR_ANALYST))
    response = client.get(reverse("quota_api:application_result", args=[app.pk]))
    assert response.status_code == 403


def test_analyst_case_page_shows_members_birth_year_only(client, world, kandas_family, plans):
    app = file_kandas(world, kandas_family)
    _applicant, spouse, _son = kandas_family
    client.force_login(make_staff(Role.MINISTRY_ANALYST))
    html = client.get(app.get_absolute_url()).content.decode()
    assert spouse.birth_date.strftime("%d.%m.%Y") not in html
    assert spouse.iin not in html


def test_analyst_cannot_find_an_application_by_iin(client, world, kandas_family, plans):
    """GEN-3: an analyst searching by IIN (or its first digits) finds nothing; a caseworker does."""
    app = file_kandas(world, kandas_family)
    iin = kandas_family[0].iin
    client.force_login(make_staff(Role.CRTR_ANALYST))
    assert app.ref not in client.get(reverse("quota:application_list"), {"q": iin}).content.decode()
    client.force_login(world.specialist)
    assert app.ref in client.get(reverse("quota:application_list"), {"q": iin}).content.decode()
