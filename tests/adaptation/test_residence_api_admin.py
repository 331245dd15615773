"""API /api/v1/adaptation/residence/… and the admin pages."""
import pytest
from django.urls import reverse

from adaptation.models import ResidenceApplication
from kandas.roles import Role
from tests.factories import UserFactory, make_staff

from .factories import make_kandas_family
from .helpers import referred, register

pytestmark = pytest.mark.django_db


def test_res2_api_submits_and_reads_state_and_deadlines(client, staff):
    """RES-2 via the API; RES-5: the same-day deadline is in the answer; RES-1 refusal is a 400 with the reason."""
    applicant, members = make_kandas_family(staff.region, adults=1)
    client.force_login(staff.specialist)
    url = reverse("adaptation_api:residence_applications")
    response = client.post(url, {"applicant_iin": applicant.iin, "centre": staff.centre.pk,
                                 "member_iins": [members[0].person.iin]}, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "registered" and body["persons_count"] == 2 and body["journal_no"] == 1
    assert [d["rule"] for d in body["deadlines"]] == ["RES-5"]
    detail = client.get(reverse("adaptation_api:residence_application", args=[body["id"]])).json()
    assert detail["ref"] == body["ref"] and len(detail["persons"]) == 2
    other = make_kandas_family(staff.region)[0]
    other.kandas_status_since = None
    other.save()
    response = client.post(url, {"applicant_iin": other.iin, "centre": staff.centre.pk},
                           content_type="application/json")
    assert response.status_code == 400 and "RES-1" in str(response.json())
    assert client.get(url).json()["count"] == 1


def test_res6_api_occupancy_and_scoping(client, staff):
    """RES-6: occupancy per centre (beds by state, reserve); another region sees no centre (404)."""
    referred(staff, register(staff, adults=1))
    client.force_login(staff.centre_staff)
    rows = client.get(reverse("adaptation_api:residence_centres")).json()
    assert rows[0]["beds"]["held"] == 2 and rows[0]["beds"]["free"] == 2
    client.force_login(make_staff(Role.MIO_SPECIALIST))
    assert client.get(reverse("adaptation_api:residence_centre", args=[staff.centre.pk])).status_code == 404
    assert client.get(reverse("adaptation_api:residence_applications")).json()["count"] == 0
    response = client.post(reverse("adaptation_api:residence_applications"),
                           {"applicant_iin": "000000000000", "centre": staff.centre.pk}, content_type="application/json")
    assert response.status_code in (400, 404)


def test_res2_api_client_of_the_region_submits_to_the_mio(client, staff):
    """RES-2: an external system (API client) files the application; the MIO of the region owns it."""
    applicant, _m = make_kandas_family(staff.region)
    client.force_login(make_staff(Role.API_CLIENT, region=staff.region))
    response = client.post(reverse("adaptation_api:residence_applications"),
                           {"applicant_iin": applicant.iin, "centre": staff.centre.pk}, content_type="application/json")
    assert response.status_code == 201, response.content
    assert ResidenceApplication.objects.get().organisation == staff.specialist.staff.organisation


def test_api_wrong_role_is_403(client, staff):
    applicant, _m = make_kandas_family(staff.region)
    client.force_login(staff.centre_staff)
    response = client.post(reverse("adaptation_api:residence_applications"),
                           {"applicant_iin": applicant.iin, "centre": staff.centre.pk}, content_type="application/json")
    assert response.status_code == 403
    assert not ResidenceApplication.objects.exists()


def test_schema_lists_residence_endpoints(client, staff):
    client.force_login(staff.specialist)
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/adaptation/residence/applications/" in schema


def test_admin_pages_open_and_cases_are_read_only(client, staff):
    app = referred(staff, register(staff, adults=0))
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    for name in ("centre", "room", "bed", "residenceapplication"):
        assert client.get(reverse(f"admin:adaptation_{name}_changelist")).status_code == 200
    assert client.get(reverse("admin:adaptation_residenceapplication_change", args=[app.pk])).status_code == 200
    assert client.get(reverse("admin:adaptation_residenceapplication_history", args=[app.pk])).status_code == 200
    assert client.get(reverse("admin:adaptation_residenceapplication_add")).status_code == 403
