"""Security of /api/v1/status/: a regional API client files where the rules say (Decision 18) and reads only what
it filed."""
import pytest
from django.urls import reverse

from status.models import StatusApplication

from .helpers import file_application

pytestmark = pytest.mark.django_db


def _payload(region):
    return {"sub_type": "general", "channel": "portal", "region": region.kato, "consent": "otp",
            "applicant": {"surname": "Тестов", "given_name": "Тест"}}


def test_d18_api_client_files_into_another_region_and_reads_only_its_own_filing(client, world, other):
    """STA-1 / Decision 18: a portal client files with the MIO the rules name, also another region's; it
    reads its own filing there; the other region's MIO holds it."""
    client.force_login(world.api)
    response = client.post(reverse("status_api:application_list"), _payload(other.region),
                           content_type="application/json")
    assert response.status_code == 201, response.content
    application = StatusApplication.objects.get(pk=response.json()["id"])
    assert application.region == other.region and application.organisation == other.mio
    assert client.get(reverse("status_api:application_detail", args=[application.pk])).status_code == 200
    client.force_login(other.specialist)
    assert client.get(application.get_absolute_url()).status_code == 200


def test_api_client_reads_only_its_own_submissions(client, world, other):
    """An application filed by the MIO of the same region, or by another client, is 404 to the client."""
    mio_app = file_application(world)
    client.force_login(world.api)
    assert client.get(reverse("status_api:application_detail", args=[mio_app.pk])).status_code == 404
    assert client.get(reverse("status_api:application_decision_pdf", args=[mio_app.pk])).status_code == 404
    assert client.get(reverse("status_api:application_list")).json()["count"] == 0
    client.force_login(other.api)
    assert client.get(reverse("status_api:application_detail", args=[mio_app.pk])).status_code == 404


def test_caseworker_cannot_use_the_client_api(client, world):
    client.force_login(world.specialist)
    assert client.get(reverse("status_api:application_list")).status_code == 403
    client.logout()
    assert client.get(reverse("status_api:application_list")).status_code in (401, 403)


def test_d18_mission_path_application_goes_to_the_settlement_region_named(client, world, other):
    """STA-5 / Decision 18: on the mission path the provider is the MIO of the settlement region named."""
    client.force_login(world.api)
    payload = {**_payload(world.region), "sub_type": "mission", "settlement_region": other.region.kato}
    response = client.post(reverse("status_api:application_list"), payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert StatusApplication.objects.get(pk=response.json()["id"]).organisation == other.mio


def test_decision_pdf_download_through_the_api_is_logged(world):
    """GEN-3: the decision PDF names the applicant with the IIN: its download by a client is logged."""
    from django.utils import timezone
    from rest_framework.test import APIClient

    from kandas.models import PersonalDataAccess
    from status.services import application_assign, application_recommend, application_send_to_commission

    api = APIClient()
    api.force_authenticate(world.api)
    from .test_api import payload

    body = api.post(reverse("status_api:application_list"), payload(world, members=[]), format="json").json()
    application_send_to_commission(actor=world.specialist, application_id=body["id"])
    application_recommend(actor=world.secretary, application_id=body["id"], outcome="assign", protocol_number="5",
                          protocol_date=timezone.localdate(), video_reference="video://5")
    application_assign(actor=world.head, application_id=body["id"])
    assert api.get(reverse("status_api:application_decision_pdf", args=[body["id"]])).status_code == 200
    entry = PersonalDataAccess.objects.get(user=world.api)
    assert entry.action == PersonalDataAccess.Action.API and entry.person_id == StatusApplication.objects.get(
        pk=body["id"]).applicant_id
