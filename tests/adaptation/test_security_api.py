"""Security of /api/v1/adaptation/residence/: an API client reads only what it submitted; analysts get
no dates of birth and their reads are not logged as personal-data access."""
import pytest
from django.urls import reverse

from kandas.models import PersonalDataAccess
from kandas.roles import Role
from tests.factories import make_staff

from .factories import make_kandas_family
from .helpers import register

pytestmark = pytest.mark.django_db


def test_api_client_reads_only_applications_it_submitted(client, staff):
    """API: a client of the region does not see the MIO's own applications, only its submission."""
    mio_app = register(staff)
    api = make_staff(Role.API_CLIENT, region=staff.region)
    applicant, _ = make_kandas_family(staff.region)
    client.force_login(api)
    response = client.post(reverse("adaptation_api:residence_applications"),
                           {"applicant_iin": applicant.iin, "centre": staff.centre.pk}, content_type="application/json")
    assert response.status_code == 201, response.content
    own = response.json()["id"]
    listed = [row["id"] for row in client.get(reverse("adaptation_api:residence_applications")).json()["results"]]
    assert listed == [own]
    assert client.get(reverse("adaptation_api:residence_application", args=[mio_app.pk])).status_code == 404
    assert client.get(reverse("adaptation_api:residence_application", args=[own])).status_code == 200


def test_analyst_reads_the_detail_without_birth_dates_and_unlogged(client, staff):
    """GEN-3: an analyst gets the application (aggregate facts) with no dates of birth; no access is logged."""
    app = register(staff)
    client.force_login(make_staff(Role.MINISTRY_ANALYST))
    body = client.get(reverse("adaptation_api:residence_application", args=[app.pk])).json()
    assert body["persons"] and all(p["birth_date"] is None for p in body["persons"])
    assert not PersonalDataAccess.objects.filter(action=PersonalDataAccess.Action.API).exists()
    client.force_login(staff.specialist)
    body = client.get(reverse("adaptation_api:residence_application", args=[app.pk])).json()
    assert body["persons"][0]["birth_date"]
    assert PersonalDataAccess.objects.filter(user=staff.specialist, action=PersonalDataAccess.Action.API).exists()
