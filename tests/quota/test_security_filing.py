"""Decision 18 on the quota API (issue 14): a filer files with the MIO of the settlement region, also from
another region, and reads its own filing; the MIO's staff file in their region only; another region's person
reads like an unknown IIN; one open application per person and kind."""
import pytest

from kandas.roles import Role
from quota.models import QuotaApplication
from tests.factories import PersonFactory, make_staff

pytestmark = pytest.mark.django_db
URL = "/api/v1/quota/applications/"


def _payload(iin, region_kato="550000000"):
    return {"kind": "kandas", "channel": "portal", "region_kato": region_kato, "applicant_iin": iin,
            "consent": True, "status_9_1": True, "documents": [{"title": "Паспорт", "valid_until": "2031-01-01"}]}


def test_d18_api_client_of_another_region_files_and_reads_its_own_filing(client, world, kandas_family):
    """Decision 18: a portal client of the region of exit files with the settlement region's MIO (002 p.10);
    it reads its own filing (was 404); the provider holds it."""
    applicant, _spouse, _son = kandas_family
    applicant.region = world.exit_region  # the kandas is registered where they live now
    applicant.save()
    portal = make_staff(Role.API_CLIENT, region=world.exit_region)
    client.force_login(portal)
    r = client.post(URL, _payload(applicant.iin), content_type="application/json")
    assert r.status_code == 201, r.content
    app = QuotaApplication.objects.get(pk=r.json()["id"])
    assert app.organisation == world.mio
    assert client.get(f"{URL}{app.pk}/").status_code == 200
    assert client.get(URL).json()["count"] == 1
    client.force_login(world.specialist)
    assert client.get(app.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("role_attr", ["other_specialist", "exit_specialist"])
def test_d18_mio_specialist_may_not_file_into_another_region(client, world, kandas_family, role_attr):
    """Decision 18: the MIO's staff file in their own region only: 403 with the reason, nothing filed."""
    applicant = PersonFactory(region=getattr(world, role_attr).staff.organisation.region)
    client.force_login(getattr(world, role_attr))
    r = client.post(URL, _payload(applicant.iin), content_type="application/json")
    assert r.status_code == 403 and "только в регионе" in r.json()["detail"]
    assert not QuotaApplication.objects.exists()


def test_d18_another_regions_iin_reads_like_an_unknown_one(client, world, kandas_family):
    """Decision 18 / issue 14: an IIN of a person of another region gets the same answer as an unknown IIN;
    nothing of the person is answered and nothing is filed."""
    applicant, _spouse, _son = kandas_family  # registered in the settlement region
    portal = make_staff(Role.API_CLIENT, region=world.exit_region)
    client.force_login(portal)
    foreign = client.post(URL, _payload(applicant.iin), content_type="application/json")
    unknown = client.post(URL, _payload("000000000000"), content_type="application/json")
    assert foreign.status_code == unknown.status_code == 400
    assert foreign.json()["applicant_iin"] == unknown.json()["applicant_iin"]
    assert applicant.surname not in foreign.content.decode()
    assert not QuotaApplication.objects.exists()


def test_one_open_quota_application_per_person_and_kind(client, world, kandas_family):
    """Issue 14: the second kandas-quota filing for one person is refused (409) and points to the open one."""
    applicant, _spouse, _son = kandas_family
    client.force_login(world.operator)
    first = client.post(URL, _payload(applicant.iin), content_type="application/json")
    assert first.status_code == 201, first.content
    second = client.post(URL, _payload(applicant.iin), content_type="application/json")
    assert second.status_code == 409 and second.json()["open_application"]["ref"] == first.json()["ref"]
    assert QuotaApplication.objects.filter(applicant=applicant).count() == 1
