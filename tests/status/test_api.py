"""/api/v1/status/: submit as the portal would, read state and deadlines, download the decision PDF."""
import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from kandas.models import StateRecord
from status.models import StatusApplication
from status.services import application_assign, application_recommend, application_send_to_commission
from tests.factories import valid_iin

pytestmark = pytest.mark.django_db


def payload(w, **over):
    iin = valid_iin()
    StateRecord.objects.create(iin=iin, kind="identity", payload={"surname": "Сейтқали"})
    return {
        "channel": "portal", "region": w.region.kato, "external_id": "PORTAL-77", "consent": "otp",
        "applicant": {"iin": iin, "surname": "Сейтқали", "given_name": "Ерлан", "country_of_exit": "Китай"},
        "members": [{"surname": "Сейтқали", "given_name": "Айгерім", "birth_date": "1990-05-03", "sex": "F",
                     "kinship": "spouse"}],
        "documents": [{"kind": "autobiography"}, {"kind": "nationality", "number": "BC-7"}],
        **over,
    }


def test_sta1_sta2_portal_submits_reads_state_and_deadlines_and_only_its_own(world, other):
    """STA-1: the portal submits app.1 with family and documents; STA-2: it is registered at once; the
    client reads its state and the 30-working-day term (STA-5), and nothing submitted by anyone else."""
    api = APIClient()
    api.force_authenticate(world.api)
    response = api.post(reverse("status_api:application_list"), payload(world), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "registered" and body["ref"].startswith("STA-")
    # The spouse has no IIN in the registry: her identity document is named as missing.
    assert [m["kind"] for m in body["missing_documents"]] == ["identity"]
    assert {d["rule"] for d in body["deadlines"]} == {"STA-5", "STA-3"}  # STA-3: the commission step opens at registration
    app = StatusApplication.objects.get(pk=body["id"])
    assert app.submitted_by == world.api and app.members.count() == 1
    assert api.get(reverse("status_api:application_detail", args=[app.pk])).json()["ref"] == app.ref
    stranger = APIClient()
    stranger.force_authenticate(other.api)
    assert stranger.get(reverse("status_api:application_detail", args=[app.pk])).status_code == 404
    assert stranger.get(reverse("status_api:application_list")).json()["count"] == 0
    officer = APIClient()
    officer.force_authenticate(world.specialist)
    assert officer.post(reverse("status_api:application_list"), payload(world), format="json").status_code == 403


def test_sta1_api_bad_input_is_a_400_with_reasons(world):
    """STA-1: a channel the rules do not name, or the mission path without a settlement region, is refused."""
    api = APIClient()
    api.force_authenticate(world.api)
    assert api.post(reverse("status_api:application_list"), payload(world, channel="fax"), format="json").status_code == 400
    response = api.post(reverse("status_api:application_list"), payload(world, sub_type="mission"), format="json")
    assert response.status_code == 400 and "settlement_region" in response.json()


def test_sta5_api_downloads_the_signed_decision_pdf(world):
    """STA-5: once the MIO head has signed, the client downloads the decision PDF."""
    api = APIClient()
    api.force_authenticate(world.api)
    body = api.post(reverse("status_api:application_list"), payload(world, members=[]), format="json").json()
    url = reverse("status_api:application_decision_pdf", args=[body["id"]])
    assert api.get(url).status_code == 404
    application_send_to_commission(actor=world.specialist, application_id=body["id"])
    application_recommend(actor=world.secretary, application_id=body["id"], outcome="assign", protocol_number="5",
                          protocol_date=timezone.localdate(), video_reference="video://5")
    application_assign(actor=world.head, application_id=body["id"])
    response = api.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_status_api_is_in_the_openapi_schema(client, world):
    client.force_login(world.api)
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/status/applications/" in schema and "decision.pdf" in schema
