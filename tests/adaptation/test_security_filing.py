"""Decision 18 on residence filings (issue 14): the provider is the MIO of the centre's region; a portal
client files there from another region and reads its own filing; the MIO's staff of another region may not;
another region's person reads like an unknown IIN; one open application per person."""
import pytest
from django.urls import reverse

from adaptation.models import ResidenceApplication
from kandas.roles import Role
from tests.factories import make_staff

from .factories import make_kandas_family, residence_world

pytestmark = pytest.mark.django_db
URL = "adaptation_api:residence_applications"


def test_d18_portal_client_of_another_region_files_with_the_centre_and_reads_its_filing(client, staff):
    """Decision 18 / RES-2: a client of region B files with region A's centre (was 404) and reads it; the
    centre's MIO holds it."""
    elsewhere = residence_world(beds=1)
    applicant, _ = make_kandas_family(elsewhere.region)
    api = make_staff(Role.API_CLIENT, region=elsewhere.region)
    client.force_login(api)
    r = client.post(reverse(URL), {"applicant_iin": applicant.iin, "centre": staff.centre.pk},
                    content_type="application/json")
    assert r.status_code == 201, r.content
    app = ResidenceApplication.objects.get(pk=r.json()["id"])
    assert app.region == staff.region
    assert client.get(reverse("adaptation_api:residence_application", args=[app.pk])).status_code == 200


def test_d18_mio_of_another_region_may_not_file_with_the_centre(staff):
    """Decision 18: the MIO's staff file in their own region only (a reason is given)."""
    from django.core.exceptions import PermissionDenied

    from adaptation.services.residence import application_register

    elsewhere = residence_world(beds=1)
    applicant, _ = make_kandas_family(elsewhere.region)
    with pytest.raises(PermissionDenied, match="только в регионе"):
        application_register(actor=elsewhere.specialist, centre_id=staff.centre.pk, applicant_id=applicant.pk)


def test_d18_another_regions_iin_reads_like_an_unknown_one_and_one_open_application(client, staff):
    """Decision 18 / issue 14: another region's IIN gets the unknown-IIN answer; a second open application for
    the same person is refused (409) pointing to the open one."""
    elsewhere = residence_world(beds=1)
    stranger, _ = make_kandas_family(elsewhere.region)
    applicant, _ = make_kandas_family(staff.region)
    client.force_login(staff.specialist)
    foreign = client.post(reverse(URL), {"applicant_iin": stranger.iin, "centre": staff.centre.pk},
                          content_type="application/json")
    unknown = client.post(reverse(URL), {"applicant_iin": "000000000000", "centre": staff.centre.pk},
                          content_type="application/json")
    assert foreign.status_code == unknown.status_code == 400
    assert foreign.json() == unknown.json()
    first = client.post(reverse(URL), {"applicant_iin": applicant.iin, "centre": staff.centre.pk},
                        content_type="application/json")
    assert first.status_code == 201
    second = client.post(reverse(URL), {"applicant_iin": applicant.iin, "centre": staff.centre.pk},
                         content_type="application/json")
    assert second.status_code == 409 and second.json()["open_application"]["ref"] == first.json()["ref"]
