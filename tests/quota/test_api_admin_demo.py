"""API (submit, state and deadlines, result; plans), admin read-only cases, demo data."""
import pytest

from kandas.roles import Role
from quota.models import QuotaApplication
from quota.services import application_check_completeness
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


def test_api_client_submits_reads_state_and_deadlines_and_downloads_result(client, world, kandas_family, plans):
    """QUO-2 / QUO-4 through the API: the portal submits; it reads state, deadlines and the result; another
    client sees nothing of it."""
    portal = make_staff(Role.API_CLIENT, region=world.region)
    other = make_staff(Role.API_CLIENT, region=world.region)
    applicant, spouse, _son = kandas_family
    client.force_login(portal)
    r = client.post("/api/v1/quota/applications/", {
        "kind": "kandas", "channel": "portal", "region_kato": "550000000", "applicant_iin": applicant.iin,
        "status_9_1": True, "consent": True, "members": [{"iin": spouse.iin, "kinship": "spouse"}],
        "documents": [{"title": "Паспорт", "valid_until": "2031-01-01"}]}, content_type="application/json")
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["state"] == "submitted" and body["result_url"] is None
    assert {d["rule"] for d in body["deadlines"]} == {"QUO-3", "QUO-8"}
    bad = client.post("/api/v1/quota/applications/", {
        "kind": "kandas", "channel": "portal", "region_kato": "550000000", "applicant_iin": applicant.iin,
        "consent": False}, content_type="application/json")
    assert bad.status_code == 400 and "consent" in bad.json()
    app = QuotaApplication.objects.get(pk=body["id"])
    application_check_completeness(application_id=app.pk, actor=world.specialist, missing=["Свидетельство о браке"])
    got = client.get(f"/api/v1/quota/applications/{app.pk}/").json()
    assert got["state"] == "refused_to_accept" and got["missing_documents"] == ["Свидетельство о браке"]
    pdf = client.get(got["result_url"] + "?lang=kk")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    client.force_login(other)
    assert client.get(f"/api/v1/quota/applications/{app.pk}/").status_code == 404
    assert client.get("/api/v1/quota/applications/").json()["count"] == 0
    plans_json = client.get("/api/v1/quota/plans/?year=2026").json()["results"]
    assert {(p["kind"], p["admitted"], p["free"]) for p in plans_json} == {("kandas", 10, 10), ("settlers", 10, 10)}
    client.logout()
    assert client.get("/api/v1/quota/applications/").status_code == 401  # a challenge for Basic auth


def test_api_schema_lists_quota_endpoints(client, world):
    client.force_login(world.specialist)
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/quota/applications/{id}/result/" in schema and "/api/v1/quota/localities/" in schema


def test_admin_shows_cases_read_only_with_history(client, world, kandas_family):
    from django.contrib.auth.models import User
    from .helpers import file_kandas
    app = file_kandas(world, kandas_family)
    admin = User.objects.create_superuser("root", "r@x.kz", "pass12345")
    client.force_login(admin)
    assert client.get(f"/admin/quota/quotaapplication/{app.pk}/change/").status_code == 200
    assert client.get(f"/admin/quota/quotaapplication/{app.pk}/history/").status_code == 200
    assert client.get("/admin/quota/quotaapplication/add/").status_code == 403
    assert client.get("/admin/quota/quotaplan/").status_code == 200
    assert client.get("/admin/quota/localitylist/").status_code == 200


def test_demo_data_is_idempotent(settings):
    settings.DEBUG = True
    from kandas.demo import demo_load as kandas_demo
    from quota.demo import demo_load
    from quota.models import LocalityList, QuotaPlan
    kandas_demo()
    demo_load()
    counts = (QuotaPlan.objects.count(), LocalityList.objects.count(), QuotaApplication.objects.count())
    demo_load()
    assert counts == (QuotaPlan.objects.count(), LocalityList.objects.count(), QuotaApplication.objects.count())
    assert counts[0] == 4 and counts[2] == 5
    assert QuotaApplication.objects.filter(state="included").count() == 1
